import { CodeSet } from '../charset.js';
import * as R from '../regular.js';

const LINE_ENDS = CodeSet.fromChars('\n\r');

/**
 * The pieces the C-family lexers share: words, white space, `//` and `/* *\/` comments, and line
 * breaks. Named per language (`<prefix>-word`, ...) so each Lark grammar keeps its own terminals.
 */
export function cStyleTrivia(prefix: string, wordChars: CodeSet, spaces: CodeSet) {
  return {
    word: R.named(`${prefix}-word`, R.some(R.set(wordChars))),
    space: R.named(`${prefix}-space`, R.some(R.set(spaces))),
    lineComment: R.named(`${prefix}-line-comment`, R.cat(R.text('//'), R.many(R.set(LINE_ENDS.complement())))),
    blockComment: R.named(`${prefix}-block-comment`, R.cat(
      R.text('/*'),
      R.many(R.or(R.notCls('*'), R.cat(R.some(R.text('*')), R.notCls('*/')))),
      R.some(R.text('*')),
      R.text('/'),
    )),
    lineBreak: R.named(`${prefix}-line-break`, R.cat(R.set(LINE_ENDS), R.many(R.set(spaces)))),
  };
}
