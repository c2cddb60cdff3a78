import net from 'node:net';

/**
 * A TCP proxy on loopback in front of the PostgreSQL server, to take the database away from an app
 * and give it back: `cut()` drops every connection and refuses new ones, as a server that has gone
 * does; `restore()` listens again on the same port.
 */
export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private listeningPort = 0;

  private constructor(private readonly target: { host: string; port: number }) {}

  /** A proxy to `target`, listening now on `port` (any free port when 0), or later when restored. */
  static async start(
    target: { host: string; port: number },
    options: { port?: number; listening?: boolean } = {},
  ): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    proxy.listeningPort = options.port ?? 0;
    if (options.listening ?? true) await proxy.restore();
    return proxy;
  }

  /** The PostgreSQL server of a `postgres://` URL. */
  static targetOf(databaseUrl: string): { host: string; port: number } {
    const url = new URL(databaseUrl);
    return { host: url.hostname || '127.0.0.1', port: Number(url.port || 5432) };
  }

  get port(): number {
    return this.listeningPort;
  }

  /** The URL of the database at `databaseUrl`, reached through this proxy. */
  urlFor(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  async restore(): Promise<void> {
    if (!this.server) this.listeningPort = await this.listen(this.listeningPort);
  }

  private async listen(port: number): Promise<number> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('error', () => {});
        socket.on('close', () => {
          this.sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return (server.address() as net.AddressInfo).port;
  }
}
