import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TollgateError } from '../errors/tollgate-error.js';
import {
  checkBaseUrl,
  guardedLookup,
  type HostResolver,
  isForbiddenAddress,
  type LookupAll,
  parseAllowlist,
} from './address-guard.js';
import { guardedConnector } from './guarded-connector.js';

describe('isForbiddenAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback range'],
    ['::1', 'IPv6 loopback'],
    ['10.0.0.5', 'private 10/8'],
    ['10.255.255.255', 'private 10/8 end'],
    ['172.16.0.1', 'private 172.16/12 start'],
    ['172.31.255.255', 'private 172.16/12 end'],
    ['192.168.1.1', 'private 192.168/16'],
    ['169.254.0.1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['fe80::1', 'IPv6 link-local'],
    ['fe80::1%eth0', 'IPv6 link-local with zone'],
    ['febf:ffff::1', 'IPv6 link-local end'],
    ['fc00::1', 'unique-local fc'],
    ['fd12:3456::1', 'unique-local fd'],
    ['fd00:ec2::254', 'AWS IPv6 metadata'],
    ['100.64.0.1', 'CGNAT start'],
    ['100.127.255.255', 'CGNAT end'],
    ['100.100.100.200', 'Alibaba metadata'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', '0/8'],
    ['::', 'IPv6 unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast (SSDP)'],
    ['ff02::1', 'IPv6 multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex form'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['::ffff:10.1.2.3', 'IPv4-mapped private'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 metadata'],
    ['::ffff:0:10.0.0.1', 'IPv4-translated private'],
    ['::7f00:1', 'IPv4-compatible loopback'],
    ['2002:7f00:1::', '6to4 embedding 127.0.0.1'],
    ['2002:a9fe:a9fe::1', '6to4 embedding 169.254.169.254'],
    ['2002:808:808::1', '6to4, even of a public address'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'Teredo (embeds 127.0.0.1, obfuscated)'],
    ['2001::1', 'Teredo'],
    ['64:ff9b:1::a9fe:a9fe', 'local-use NAT64 of the metadata address'],
    ['64:ff9b::7f00:1', 'NAT64 loopback'],
    ['192.0.2.10', 'documentation TEST-NET-1'],
    ['198.51.100.7', 'documentation TEST-NET-2'],
    ['203.0.113.9', 'documentation TEST-NET-3'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['3fff::1', 'IPv6 documentation (RFC 9637)'],
    ['198.18.0.1', 'benchmarking'],
    ['2001:2::1', 'IPv6 benchmarking'],
    ['fec0::1', 'deprecated site-local'],
    ['100::1', 'discard-only'],
    ['not-an-ip', 'unparseable (fail closed)'],
    ['', 'empty (fail closed)'],
  ])('refuses %s (%s)', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(true);
  });

  it.each([
    ['93.184.216.34'],
    ['8.8.8.8'],
    ['1.1.1.1'],
    ['172.15.255.255'],
    ['172.32.0.0'],
    ['100.63.255.255'],
    ['100.128.0.0'],
    ['169.253.255.255'],
    ['192.167.255.255'],
    ['223.255.255.255'],
    ['2606:4700:4700::1111'],
    ['2001:4860:4860::8888'],
    ['::ffff:8.8.8.8'],
    ['64:ff9b::808:808'],
    ['::ffff:0:8.8.8.8'],
    ['2a00:1450:4001:80b::200e'],
  ])('allows public %s', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(false);
  });
});

describe('parseAllowlist', () => {
  const allowlist = parseAllowlist([
    'vllm.internal',
    ' GPU-Box.Example ',
    '10.20.0.0/16',
    'fd00:1234::/32',
    '192.168.1.7',
    '',
  ]);

  it('matches host names exactly and case-insensitively', () => {
    expect(allowlist.allowsHostName('VLLM.internal')).toBe(true);
    expect(allowlist.allowsHostName('gpu-box.example.')).toBe(true);
    expect(allowlist.allowsHostName('other.internal')).toBe(false);
    expect(allowlist.allowsHostName('x.vllm.internal')).toBe(false);
  });

  it('matches IPv4 and IPv6 ranges and single addresses', () => {
    expect(allowlist.allowsAddress('10.20.3.4')).toBe(true);
    expect(allowlist.allowsAddress('10.21.0.1')).toBe(false);
    expect(allowlist.allowsAddress('::ffff:10.20.3.4')).toBe(true);
    expect(allowlist.allowsAddress('fd00:1234:5::1')).toBe(true);
    expect(allowlist.allowsAddress('fd00:1235::1')).toBe(false);
    expect(allowlist.allowsAddress('192.168.1.7')).toBe(true);
    expect(allowlist.allowsAddress('192.168.1.8')).toBe(false);
    expect(allowlist.allowsAddress('nonsense')).toBe(false);
  });

  it('treats an IP literal host as allowed when its range is listed', () => {
    expect(allowlist.allowsHost('10.20.0.9')).toBe(true);
    expect(allowlist.allowsHost('[fd00:1234::9]')).toBe(true);
    expect(allowlist.allowsHost('10.30.0.9')).toBe(false);
  });

  it('rejects malformed ranges at start-up', () => {
    expect(() => parseAllowlist(['10.0.0.0/33'])).toThrow(/prefix/);
    expect(() => parseAllowlist(['fd00::/129'])).toThrow(/prefix/);
    expect(() => parseAllowlist(['10.0.0.0/x'])).toThrow(/prefix/);
    expect(() => parseAllowlist(['host.example/8'])).toThrow(/CIDR/);
  });
});

describe('checkBaseUrl', () => {
  const dns: Record<string, string[]> = {
    'api.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
    localhost: ['127.0.0.1', '::1'],
    'private.example.com': ['10.0.0.5'],
    'metadata.example.com': ['169.254.169.254'],
    'mixed.example.com': ['93.184.216.34', '192.168.0.10'],
    'lab.example.com': ['10.20.1.1'],
  };
  const resolve: HostResolver = async (host) => {
    const found = dns[host];
    if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return found;
  };
  const none = parseAllowlist([]);

  async function codeOf(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
      return 'ok';
    } catch (error) {
      if (error instanceof TollgateError) return error.code;
      throw error;
    }
  }

  it('accepts a public https URL and drops trailing slashes', async () => {
    await expect(checkBaseUrl('https://api.example.com/v1/', none, resolve)).resolves.toBe(
      'https://api.example.com/v1',
    );
    await expect(checkBaseUrl('https://api.example.com', none, resolve)).resolves.toBe(
      'https://api.example.com',
    );
  });

  it('keeps a query string (Azure api-version)', async () => {
    await expect(
      checkBaseUrl('https://api.example.com/openai?api-version=2024-10-21', none, resolve),
    ).resolves.toBe('https://api.example.com/openai?api-version=2024-10-21');
  });

  it('refuses http on a host that is not allow-listed', async () => {
    await expect(codeOf(checkBaseUrl('http://api.example.com/v1', none, resolve))).resolves.toBe(
      'base_url_host_not_allowed',
    );
    await expect(codeOf(checkBaseUrl('ftp://api.example.com/v1', none, resolve))).resolves.toBe(
      'base_url_host_not_allowed',
    );
  });

  it.each([
    'https://localhost:8000/v1',
    'https://private.example.com/v1',
    'https://metadata.example.com/latest',
    'https://mixed.example.com/v1',
    'https://10.0.0.5/v1',
    'https://127.0.0.1/v1',
    'https://[::1]/v1',
    'https://[::ffff:127.0.0.1]/v1',
    'https://169.254.169.254/latest',
    'https://2130706433/v1', // 127.0.0.1 written as one number; URL parsing normalises it
    'https://0x7f.1/v1',
  ])('refuses %s with base_url_host_not_allowed', async (url) => {
    await expect(codeOf(checkBaseUrl(url, none, resolve))).resolves.toBe('base_url_host_not_allowed');
  });

  it('names the host in the message', async () => {
    await expect(checkBaseUrl('https://localhost/v1', none, resolve)).rejects.toThrow(
      'base_url host "localhost" is not allowed',
    );
  });

  it('does not resolve IP literals', async () => {
    const failing: HostResolver = async () => {
      throw new Error('must not be called');
    };
    await expect(checkBaseUrl('https://93.184.216.34/v1', none, failing)).resolves.toBe(
      'https://93.184.216.34/v1',
    );
  });

  it('refuses malformed URLs, credentials and unresolvable hosts with validation_failed', async () => {
    await expect(codeOf(checkBaseUrl('not a url', none, resolve))).resolves.toBe('validation_failed');
    await expect(codeOf(checkBaseUrl('https://user:pw@api.example.com', none, resolve))).resolves.toBe(
      'validation_failed',
    );
    await expect(codeOf(checkBaseUrl('https://api.example.com/#x', none, resolve))).resolves.toBe(
      'validation_failed',
    );
    await expect(codeOf(checkBaseUrl('https://nowhere.example.com', none, resolve))).resolves.toBe(
      'validation_failed',
    );
  });

  it('lets allow-listed hosts through, over http too', async () => {
    const allowlist = parseAllowlist(['localhost', '10.20.0.0/16', '10.0.0.5']);
    await expect(checkBaseUrl('http://localhost:8000/v1', allowlist, resolve)).resolves.toBe(
      'http://localhost:8000/v1',
    );
    await expect(checkBaseUrl('http://10.0.0.5/v1', allowlist, resolve)).resolves.toBe('http://10.0.0.5/v1');
    await expect(checkBaseUrl('http://10.20.9.9/v1', allowlist, resolve)).resolves.toBe(
      'http://10.20.9.9/v1',
    );
  });

  it('lets a host resolve into an allow-listed range over https, but not over http', async () => {
    const allowlist = parseAllowlist(['10.20.0.0/16']);
    await expect(checkBaseUrl('https://lab.example.com/v1', allowlist, resolve)).resolves.toBe(
      'https://lab.example.com/v1',
    );
    await expect(codeOf(checkBaseUrl('http://lab.example.com/v1', allowlist, resolve))).resolves.toBe(
      'base_url_host_not_allowed',
    );
  });
});

describe('guardedLookup', () => {
  const table: Record<string, LookupAddress[]> = {
    'public.example': [{ address: '93.184.216.34', family: 4 }],
    'rebound.example': [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ],
    'lab.example': [{ address: '10.20.1.1', family: 4 }],
    'listed.example': [{ address: '192.168.5.5', family: 4 }],
  };
  const fakeLookup: LookupAll = (hostname, _options, callback) => {
    const found = table[hostname];
    if (found) callback(null, found);
    else callback(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }), []);
  };
  const lookup = guardedLookup(parseAllowlist(['listed.example', '10.20.0.0/16']), fakeLookup);

  function run(hostname: string, all: boolean) {
    return new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family: unknown }>(
      (resolve) => {
        lookup(hostname, { all }, (error, address, family) => resolve({ error, address, family }));
      },
    );
  }

  it('answers a public host, in both callback shapes', async () => {
    await expect(run('public.example', false)).resolves.toMatchObject({
      error: null,
      address: '93.184.216.34',
      family: 4,
    });
    await expect(run('public.example', true)).resolves.toMatchObject({
      error: null,
      address: [{ address: '93.184.216.34', family: 4 }],
    });
  });

  it('refuses a host that now resolves to a forbidden address (DNS rebinding)', async () => {
    const { error } = await run('rebound.example', false);
    expect(error?.code).toBe('ERR_TOLLGATE_ADDRESS_FORBIDDEN');
  });

  it('lets allow-listed names and ranges through', async () => {
    await expect(run('listed.example', false)).resolves.toMatchObject({
      error: null,
      address: '192.168.5.5',
    });
    await expect(run('lab.example', false)).resolves.toMatchObject({ error: null, address: '10.20.1.1' });
  });

  it('passes resolver errors on', async () => {
    const { error } = await run('missing.example', false);
    expect(error?.code).toBe('ENOTFOUND');
  });
});

describe('guardedLookup inside an undici Agent', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((_request, response) => response.end('reached'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const loopbackName: LookupAll = (_hostname, _options, callback) =>
    callback(null, [{ address: '127.0.0.1', family: 4 }]);

  it('refuses the connection at connect time', async () => {
    const agent = new Agent({ connect: { lookup: guardedLookup(parseAllowlist([]), loopbackName) } });
    await expect(
      agent.request({ origin: `http://rebind.example:${port}`, path: '/', method: 'GET' }),
    ).rejects.toThrow(/forbidden address/);
    await agent.close();
  });

  it('connects when the host is allow-listed', async () => {
    const agent = new Agent({
      connect: { lookup: guardedLookup(parseAllowlist(['rebind.example']), loopbackName) },
    });
    const response = await agent.request({
      origin: `http://rebind.example:${port}`,
      path: '/',
      method: 'GET',
    });
    expect(await response.body.text()).toBe('reached');
    await agent.close();
  });
});

describe('guardedConnector', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((_request, response) => response.end('reached'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('refuses an IP literal in a forbidden range at connect time (no lookup happens for it)', async () => {
    const agent = new Agent({ connect: guardedConnector(parseAllowlist([])) });
    await expect(
      agent.request({ origin: `http://127.0.0.1:${port}`, path: '/', method: 'GET' }),
    ).rejects.toThrow(/refused/);
    await agent.close();
  });

  it('connects to an IP literal the allow-list names', async () => {
    const agent = new Agent({ connect: guardedConnector(parseAllowlist(['127.0.0.0/8'])) });
    const response = await agent.request({ origin: `http://127.0.0.1:${port}`, path: '/', method: 'GET' });
    expect(await response.body.text()).toBe('reached');
    await agent.close();
  });

  it('checks what a host name resolves to on every connect', async () => {
    const loopback: LookupAll = (_hostname, _options, callback) =>
      callback(null, [{ address: '127.0.0.1', family: 4 }]);
    const agent = new Agent({ connect: guardedConnector(parseAllowlist([]), loopback) });
    await expect(
      agent.request({ origin: `http://rebind.example:${port}`, path: '/', method: 'GET' }),
    ).rejects.toThrow(/forbidden address/);
    await agent.close();
  });
});
