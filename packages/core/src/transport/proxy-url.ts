import { z } from 'zod';

const supportedProtocols = new Set(['http:', 'https:', 'socks5:', 'socks:']);

export const proxyUrlSchema = z.string().refine(
  (value) => {
    if (!URL.canParse(value)) return false;
    return supportedProtocols.has(new URL(value).protocol);
  },
  { message: 'expected a proxy URL with protocol http, https, socks5 or socks (e.g. http://127.0.0.1:8080)' },
);
