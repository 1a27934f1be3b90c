/**
 * The `format` values this validator asserts. Others are annotations: they pass and are listed
 * among the validator's ignored keywords.
 */
export const ASSERTED_FORMATS = ['date-time', 'date', 'email', 'uri', 'uuid', 'ipv4', 'ipv6', 'hostname'] as const;
export type AssertedFormat = (typeof ASSERTED_FORMATS)[number];

export function isAssertedFormat(format: string): format is AssertedFormat {
  return (ASSERTED_FORMATS as readonly string[]).includes(format);
}

const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const DOT_ATOM = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`);
const QUOTED_LOCAL = /^"(?:[^"\\\r\n]|\\.)*"$/;
const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

const CHECKS: Record<AssertedFormat, (value: string) => boolean> = {
  'date-time': isDateTime,
  date: isFullDate,
  email: isEmail,
  uri: isUri,
  uuid: (value) => /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(value),
  ipv4: (value) => IPV4.test(value),
  ipv6: (value) => isIpv6(value),
  hostname: (value) => isHostName(value),
};

export function checkFormat(format: AssertedFormat, value: string): boolean {
  return CHECKS[format](value);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** RFC 3339 full-date: YYYY-MM-DD with a day that exists. */
function isFullDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** RFC 3339 date-time; a leap second (:60) only at 23:59 UTC. */
function isDateTime(value: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/.exec(value);
  if (!match || !isFullDate(match[1] ?? '')) return false;
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4])];
  const offsetSign = match[5] === '-' ? -1 : 1;
  const [offsetHour, offsetMinute] = [Number(match[6] ?? 0), Number(match[7] ?? 0)];
  if (hour > 23 || minute > 59 || second > 60 || offsetHour > 23 || offsetMinute > 59) return false;
  if (second < 60) return true;
  const utcMinutes = (((hour * 60 + minute - offsetSign * (offsetHour * 60 + offsetMinute)) % 1440) + 1440) % 1440;
  return utcMinutes === 23 * 60 + 59;
}

/** RFC 5321 mailbox: dot-atom or quoted local part, host name or bracketed address literal. */
function isEmail(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (at <= 0) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (!DOT_ATOM.test(local) && !QUOTED_LOCAL.test(local)) return false;
  if (domain.startsWith('[') && domain.endsWith(']')) return isAddressLiteral(domain.slice(1, -1));
  return isHostName(domain);
}

function isHostName(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  return value.split('.').every((label) => HOST_LABEL.test(label));
}

function isAddressLiteral(value: string): boolean {
  if (IPV4.test(value)) return true;
  return /^IPv6:/i.test(value) && isIpv6(value.slice(5));
}

function isIpv6(value: string): boolean {
  const groups = value.split('::');
  if (groups.length > 2) return false;
  const parts = groups.flatMap((group) => (group === '' ? [] : group.split(':')));
  const hexParts = parts.filter((part, index) => !(index === parts.length - 1 && IPV4.test(part)));
  const width = parts.length + (parts.length > hexParts.length ? 1 : 0);
  if (!hexParts.every((part) => /^[0-9A-Fa-f]{1,4}$/.test(part))) return false;
  return groups.length === 2 ? width < 8 : width === 8;
}

/** RFC 3986 URI (absolute, scheme required; a bare "//host" is a reference, not a URI). */
function isUri(value: string): boolean {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):([^#]*)(?:#(.*))?$/.exec(value);
  if (!match) return false;
  const [, , rest = '', fragment = ''] = match;
  return URI_REST.test(rest) && URI_FRAGMENT.test(fragment) && hasValidAuthority(rest);
}

const PCHAR = "(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})";
const URI_REST = new RegExp(`^(?:${PCHAR}|[/?\\[\\]])*$`);
const URI_FRAGMENT = new RegExp(`^(?:${PCHAR}|[/?])*$`);

function hasValidAuthority(rest: string): boolean {
  if (!rest.startsWith('//')) return !/[[\]]/.test(rest);
  const authority = rest.slice(2).split(/[/?]/, 1)[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (host.startsWith('[')) return /^\[[0-9A-Fa-f:.]+\](?::\d*)?$/.test(host) && isIpv6(host.slice(1, host.indexOf(']')));
  return !/[[\]]/.test(host) && /^[^:]*(?::\d*)?$/.test(host);
}
