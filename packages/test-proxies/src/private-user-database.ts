import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from './find-executable.js';
import type { ProxyCredentials } from './proxy-credentials.js';

/**
 * Files and environment that give one daemon a user database of its own through nss_wrapper
 * (an LD_PRELOAD library that answers getpwnam/getspnam from files named in the environment).
 * dante checks SOCKS5 passwords against the system's users; this lets a test give it a user
 * without adding one to the machine, so nothing outlives the test.
 */
export interface PrivateUserDatabase {
  readonly files: Readonly<Record<string, string>>;
  env(directory: string): NodeJS.ProcessEnv;
}

const libraryName = 'libnss_wrapper.so';

/** Debian installs it under /usr/lib/<multiarch triplet>/; other systems in the classic places. */
export function findNssWrapper(): string | undefined {
  const directories = ['/usr/lib64', '/usr/lib', '/lib64', '/lib', '/usr/local/lib'];
  for (const base of ['/usr/lib', '/lib']) {
    try {
      for (const entry of readdirSync(base)) if (entry.includes('-linux-')) directories.push(join(base, entry));
    } catch {
      // No such directory here.
    }
  }
  return directories.map((directory) => join(directory, libraryName)).find((path) => existsSync(path));
}

const testUid = 60_999;
const nogroup = 65_534;

export async function privateUserDatabase(credentials: ProxyCredentials): Promise<PrivateUserDatabase> {
  const library = findNssWrapper();
  if (library === undefined) throw new Error(`${libraryName} is not installed (apt-get install libnss-wrapper)`);
  const hash = await sha512Crypt(credentials.password);
  const passwd = [
    'root:x:0:0:root:/root:/bin/sh',
    `nobody:x:${nogroup}:${nogroup}:nobody:/nonexistent:/usr/sbin/nologin`,
    `${credentials.user}:x:${testUid}:${nogroup}:switchyard test proxy user:/nonexistent:/usr/sbin/nologin`,
  ];
  const uid = process.getuid?.() ?? 0;
  // A daemon run by a developer looks itself up too.
  if (uid !== 0) passwd.push(`${userInfo().username}:x:${uid}:${process.getgid?.() ?? uid}::/nonexistent:/bin/sh`);
  return {
    files: {
      passwd: `${passwd.join('\n')}\n`,
      group: `root:x:0:\nnogroup:x:${nogroup}:\n`,
      shadow: `root:*:19000:0:99999:7:::\n${credentials.user}:${hash}:19000:0:99999:7:::\n`,
    },
    env: (directory) => ({
      ...process.env,
      LD_PRELOAD: library,
      NSS_WRAPPER_PASSWD: join(directory, 'passwd'),
      NSS_WRAPPER_GROUP: join(directory, 'group'),
      NSS_WRAPPER_SHADOW: join(directory, 'shadow'),
    }),
  };
}

/**
 * The system's crypt(3) in SHA-512 mode, as a shadow file holds it. Node has no crypt(3); perl's
 * `crypt` is the C library's, and perl is always there on Debian (perl-base is essential).
 */
async function sha512Crypt(password: string): Promise<string> {
  const perl = findExecutable('perl');
  if (perl === undefined) throw new Error('perl is not installed; it hashes the test user password');
  const salt = randomBytes(12).toString('base64').replaceAll('+', '.');
  const hash = await new Promise<string>((resolve, reject) => {
    // The password goes on stdin, not argv, where every process could read it.
    const child = spawn(perl, ['-e', 'print crypt(scalar(<STDIN>), $ARGV[0])', `$6$${salt}$`], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`perl crypt exited with ${code}`))));
    child.stdin.end(password);
  });
  if (!hash.startsWith('$6$')) throw new Error('the C library crypt(3) does not do SHA-512 here');
  return hash;
}
