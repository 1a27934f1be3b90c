import type { KeywordHandler } from '../evaluator.js';

/** Digits after the decimal point in the shortest decimal form of `value` (1e-7 has 7). */
function decimalPlaces(value: number): number {
  const [mantissa = '', exponent = '0'] = String(value).toLowerCase().split('e');
  const fraction = mantissa.split('.')[1] ?? '';
  return Math.max(0, fraction.length - Number(exponent));
}

/** Exact for decimal inputs: 0.0075 is a multiple of 0.0001 although 0.0075 / 0.0001 is 74.99999999999999. */
export function isMultipleOf(value: number, divisor: number): boolean {
  const quotient = value / divisor;
  if (!Number.isFinite(quotient)) return false;
  if (Number.isInteger(quotient)) return true;
  const decimals = Math.max(decimalPlaces(value), decimalPlaces(divisor));
  const scale = 10 ** decimals;
  const scaledValue = Math.round(value * scale);
  const scaledDivisor = Math.round(divisor * scale);
  if (decimals === 0 || !Number.isSafeInteger(scaledValue) || !Number.isSafeInteger(scaledDivisor) || scaledDivisor === 0) {
    return false;
  }
  return scaledValue % scaledDivisor === 0;
}

function numericCheck(
  keyword: string,
  holds: (instance: number, bound: number) => boolean,
  describe: (bound: number) => string,
): KeywordHandler {
  return (value, _schema, instance, scope) => {
    if (typeof value !== 'number' || typeof instance !== 'number') return;
    if (!holds(instance, value)) scope.fail(keyword, describe(value));
  };
}

/** `minimum`, with draft-04's boolean `exclusiveMinimum` beside it turning it strict. */
const minimum: KeywordHandler = (value, schema, instance, scope) => {
  if (typeof value !== 'number' || typeof instance !== 'number') return;
  const strict = schema.exclusiveMinimum === true;
  if (strict ? instance <= value : instance < value) scope.fail('minimum', `must be ${strict ? '>' : '>='} ${value}`);
};

const maximum: KeywordHandler = (value, schema, instance, scope) => {
  if (typeof value !== 'number' || typeof instance !== 'number') return;
  const strict = schema.exclusiveMaximum === true;
  if (strict ? instance >= value : instance > value) scope.fail('maximum', `must be ${strict ? '<' : '<='} ${value}`);
};

export const numericKeywords = {
  minimum,
  maximum,
  exclusiveMinimum: numericCheck('exclusiveMinimum', (instance, bound) => instance > bound, (bound) => `must be > ${bound}`),
  exclusiveMaximum: numericCheck('exclusiveMaximum', (instance, bound) => instance < bound, (bound) => `must be < ${bound}`),
  multipleOf: numericCheck('multipleOf', isMultipleOf, (bound) => `must be a multiple of ${bound}`),
} satisfies Record<string, KeywordHandler>;
