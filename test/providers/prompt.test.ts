import { describe, expect, it } from 'vitest';
import { buildMessages, flattenMessages, withPromptRules } from '../../src/providers/prompt.js';
import { BARE_IR, FUNCTION_IR, JSON_IR, irWith } from './ir.js';

const OUTPUT_ONLY = 'Output only the code, with no explanation and no Markdown fences.';

describe('prompt building', () => {
  it('function shape: the task and the IR prompt rules in the system message, the intent as the user message', () => {
    expect(buildMessages({ intent: 'Load the config file at path.', ir: FUNCTION_IR })).toEqual([
      {
        role: 'system',
        content: `Write one python function for \`parse_config\`. ${OUTPUT_ONLY}\n\nRules:\n- Keep the signature \`def parse_config(path: str) -> Config\`.\n- Never use \`eval\`: it runs arbitrary code.`,
      },
      { role: 'user', content: 'Load the config file at path.' },
    ]);
  });

  it('hole shape: the prefix and suffix around the hole, in tagged blocks (FIM)', () => {
    const ir = irWith({ shape: 'hole', target: undefined, prompt_rules: [] });
    expect(buildMessages({ intent: 'Return the parsed config.', ir, prefix: 'def parse_config(path):\n', suffix: '\n\nCONFIG = parse_config("a")\n' })).toEqual([
      {
        role: 'system',
        content:
          'Write the python code that fills the hole between the prefix and the suffix you are given. Output only that code, with no explanation and no Markdown fences; do not repeat the prefix or the suffix.',
      },
      { role: 'user', content: 'Return the parsed config.\n\n<prefix>\ndef parse_config(path):\n\n</prefix>\n<suffix>\n\n\nCONFIG = parse_config("a")\n\n</suffix>' },
    ]);
  });

  it('json and module shapes', () => {
    expect(buildMessages({ intent: 'x', ir: JSON_IR })[0]?.content).toBe(
      'Answer with one JSON value for `RetryPolicy` and nothing else: no explanation and no Markdown fences.\n\nRules:\n- Use the type RetryPolicy as declared; do not redefine it.',
    );
    expect(buildMessages({ intent: 'x', ir: BARE_IR })[0]?.content.split('\n')[0]).toBe(`Write one python module. ${OUTPUT_ONLY}`);
  });

  it('is deterministic and lists a repeated rule once', () => {
    const ir = irWith({ prompt_rules: ['Use snake_case.', 'Use snake_case.'] });
    const first = buildMessages({ intent: 'x', ir });
    expect(buildMessages({ intent: 'x', ir })).toEqual(first);
    expect(first[0]?.content.match(/snake_case/g)?.length).toBe(1);
  });

  it('adds engine rules to the system message, or puts one in front', () => {
    const messages = [{ role: 'user' as const, content: 'x' }];
    expect(withPromptRules(messages, ['A.'])).toEqual([{ role: 'system', content: 'Rules:\n- A.' }, { role: 'user', content: 'x' }]);
    expect(withPromptRules([{ role: 'system', content: 'S.' }, ...messages], ['A.', 'B.'])[0]).toEqual({ role: 'system', content: 'S.\n\nEngine constraints:\n- A.\n- B.' });
    expect(withPromptRules(messages, [])).toEqual(messages);
  });

  it('flattens messages for raw-prompt engines', () => {
    expect(flattenMessages([{ role: 'system', content: 'S.' }, { role: 'user', content: 'U.' }])).toBe('### system\nS.\n\n### user\nU.\n\n### assistant\n');
  });
});
