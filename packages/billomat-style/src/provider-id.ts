/** The provider id used in configuration, errors and `providerOptions`. */
export const BILLOMAT_STYLE = 'billomat-style';
