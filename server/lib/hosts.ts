/**
 * Which names this server answers to. A page on evil.example that re-points its DNS at 127.0.0.1
 * reaches us with `Host: evil.example` (DNS rebinding); only the configured names are served.
 */
import type { MiddlewareHandler } from 'hono';

/** True for addresses only this machine can reach. */
export function isLoopback(host: string) {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** True for HOST values that listen on every interface. */
export const isWildcard = (host: string) => host === '0.0.0.0' || host === '::' || host === '[::]';

/** The hostname of a Host header (port dropped, IPv6 kept in brackets); undefined if malformed. */
export function hostnameOf(hostHeader: string | undefined): string | undefined {
  if (!hostHeader || /[/\\@?#]/.test(hostHeader)) return undefined;
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return undefined;
  }
}

/** Refuses requests whose Host is neither a loopback name nor one of `names`. */
export function allowHosts(names: () => string[]): MiddlewareHandler {
  return async (c, next) => {
    const hostname = hostnameOf(c.req.header('host'));
    if (!hostname || !(isLoopback(hostname) || names().includes(hostname))) {
      return c.text('This server does not answer to that host name.', 403);
    }
    await next();
  };
}
