/** The abort reason when a client goes away mid-request: the provider call is cancelled with it. */
export class ClientLeftError extends Error {
  constructor() {
    super('the client closed the connection');
    this.name = 'ClientLeftError';
  }
}
