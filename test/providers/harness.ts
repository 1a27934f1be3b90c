import type { ProviderHarness } from './contract.js';
import { fixtureReply, sseFixtureReply, startServer, type TestServer } from './server.js';
import type { ProviderV1 } from '../../src/providers/types.js';

export const SECRET = 'sk-test-4f1d9a2b7c3e';

/** A provider talking to a real local server that replays recorded engine responses. */
export async function httpHarness(
  make: (baseUrl: string, apiKey: string) => ProviderV1,
  fixtures: { generate: string; stream: string },
): Promise<ProviderHarness & { server: TestServer }> {
  const server = await startServer();
  return {
    server,
    provider: make(server.url, SECRET),
    answerGenerate: () => server.reply(fixtureReply(fixtures.generate)),
    answerStream: () => server.reply(fixtures.stream.endsWith('.sse') ? sseFixtureReply(fixtures.stream) : fixtureReply(fixtures.stream)),
    answerNever: () => server.reply({ kind: 'hang' }),
    receivedBodies: () => server.received.map((request) => request.json),
    secret: SECRET,
    close: () => server.close(),
  };
}
