import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export type Server = { process: ChildProcess; output: () => string; exited: Promise<number | null> };

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts `src/server.ts` as `npm start` does, with these settings over a development laptop's. Its
 * temporary directory is its own unless `TMPDIR` is given: at start the server removes the uploads no
 * running process holds, and the tests' own uploads must not depend on how a lock looks to it.
 */
export function startServer(env: Record<string, string>): Server {
  const temporary = env.TMPDIR ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 's2s-server-tmp-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      TEST_DATABASE_URL: '',
      DATABASE_URL: '',
      SMTP_URL: '',
      ...(temporary ? { TMPDIR: temporary } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (temporary) child.on('exit', () => fs.rmSync(temporary, { recursive: true, force: true }));
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, output: () => output, exited };
}

export async function waitUntilRunning(server: Server, timeoutMilliseconds = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMilliseconds;
  while (!/is running at/.test(server.output())) {
    if (server.process.exitCode !== null) throw new Error(`The server stopped:\n${server.output()}`);
    if (Date.now() > deadline) throw new Error(`The server did not start:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Stops the server with SIGTERM, as a supervisor does, and waits for it to go. */
export async function stopServer(server: Server): Promise<number | null> {
  if (server.process.exitCode === null && server.process.signalCode === null) server.process.kill('SIGTERM');
  return server.exited;
}
