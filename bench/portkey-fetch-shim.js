// Preloaded into Portkey's process (node --import). Portkey 1.15.2 appends its x-portkey-*
// headers to the Response that fetch returned, whose headers the fetch standard makes immutable,
// so every streamed answer fails on Node with "TypeError: immutable" (Portkey-AI/gateway#1389,
// #1550). Re-wrapping each response in a new Response with the same body stream, status and
// headers makes them mutable and costs one object per request; nothing else changes.
const fetchWithImmutableHeaders = globalThis.fetch;
globalThis.fetch = async (...args) => {
  const response = await fetchWithImmutableHeaders(...args);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
};
