// Alibaba Cloud's RPC signature against the worked example its documentation publishes
// (DescribeRegions, AccessKey testid / testsecret), and the encoding rules it names.
import { describe, expect, it } from 'vitest';
import { canonicalQuery, percentEncode, rpcSignature } from '../../../src/adapters/aliyun-sms/aliyun-signature.js';

describe('Alibaba Cloud RPC signature', () => {
  it('gives the signature of the documented example', () => {
    const params = { TimeStamp: '2016-02-23T12:46:24Z', Format: 'XML', AccessKeyId: 'testid', Action: 'DescribeRegions', SignatureMethod: 'HMAC-SHA1', SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', Version: '2014-05-26', SignatureVersion: '1.0' };
    expect(rpcSignature('GET', params, 'testsecret')).toBe('CT9X0VtwR86fNWSnsc6v8YGOjuE=');
  });

  it('encodes as RFC 3986 asks (space %20, * %2A, ~ kept) and leaves Signature out of the query', () => {
    expect(percentEncode("a b*c~d!'()")).toBe('a%20b%2Ac~d%21%27%28%29');
    expect(percentEncode('{"number":"工单"}')).toBe('%7B%22number%22%3A%22%E5%B7%A5%E5%8D%95%22%7D');
    expect(canonicalQuery({ b: '2', Signature: 'x', a: '1 1' })).toBe('a=1%201&b=2');
  });
});
