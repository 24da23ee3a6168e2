// Alibaba Cloud's RPC request signature (SignatureMethod HMAC-SHA1, SignatureVersion 1.0), as its
// "Signature mechanism" page describes it: every parameter but Signature, sorted by name, each name
// and value percent-encoded (RFC 3986: space %20, `*` %2A, `~` kept), joined with & and =; the
// string to sign is `METHOD&%2F&` + that query encoded once more; the key is the AccessKey secret
// followed by `&`; the signature is the HMAC's Base64. The stand-in platform of the tests checks it
// with this same function's inputs, written out independently there.
import { createHmac } from 'node:crypto';

/** encodeURIComponent leaves !'()* alone; Alibaba Cloud wants them encoded too. */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name] ?? '')}`)
    .join('&');
}

export function rpcSignature(method: 'GET' | 'POST', params: Readonly<Record<string, string>>, accessKeySecret: string): string {
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}
