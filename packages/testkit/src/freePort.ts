import { createServer } from "node:net";

/** A TCP port on 127.0.0.1 that the OS reports free right now (it may be taken before it is used). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolvePort(port) : reject(new Error("the OS gave no port"))));
    });
  });
}

/** Whether something already listens on 127.0.0.1:`port`. */
export function isPortBusy(port: number): Promise<boolean> {
  return new Promise((resolveBusy, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", (error: NodeJS.ErrnoException) =>
      error.code === "EADDRINUSE" || error.code === "EACCES" ? resolveBusy(true) : reject(error),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => resolveBusy(false)));
  });
}
