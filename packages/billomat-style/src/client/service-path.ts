/** The one service URL of the method-style API, relative to the host: every envelope goes here. */
export const SERVICE_PATH = '/api/1.0/api.php';
