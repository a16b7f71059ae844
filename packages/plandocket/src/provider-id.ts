/** The provider id of the Plandocket adapter. */
export const PLANDOCKET = 'plandocket';
