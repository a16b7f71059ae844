/** The reference provider's id. */
export const ACME = 'acme';
