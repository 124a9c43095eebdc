// The URL a server listening on host:port answers at (IPv6 hosts in brackets), for banners and
// the `url` of a started server.
export function serverUrl(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
