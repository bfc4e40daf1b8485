import type { AddressInfo } from 'node:net';
import { InternalError } from '../errors/errors.js';

/** The TCP address a listening server is bound to (a server on a pipe, or not listening, has none: a bug here). */
export function listeningAddress(server: { address(): AddressInfo | string | null }): AddressInfo {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new InternalError(`expected a listening TCP server, its address is ${String(address)}`);
  return address;
}
