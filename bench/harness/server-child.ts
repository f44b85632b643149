// Runs one benchmark server in its own process: `node --import tsx server-child.ts <module URL>`.
// The module exports `listen()`; the parent hears the port over IPC and may ask for CPU use.

interface Listening {
  port: number;
  close(): Promise<void>;
}

const target = process.argv[2];
if (!target || !process.send) throw new Error('server-child: start me with fork(…, [moduleUrl])');
const { listen } = (await import(target)) as { listen: () => Promise<Listening> };
const server = await listen();

const stop = () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('disconnect', stop);
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
process.send({ port: server.port });
