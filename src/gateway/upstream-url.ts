/** The endpoint path goes after the base URL's path and before its query (Azure's `?api-version=`). */
export function upstreamUrl(baseUrl: string, path: string): URL {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  return url;
}
