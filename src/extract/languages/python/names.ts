/**
 * Fixed name lists the Python extractor needs. Each is explicit on purpose: a short list that is
 * obviously right beats a clever guess.
 */

/** Top-level modules of the standard library that real code imports (not every one there is). */
export const STDLIB_MODULES: ReadonlySet<string> = new Set([
  '__future__', 'abc', 'argparse', 'array', 'ast', 'asyncio', 'atexit', 'base64', 'bisect', 'builtins',
  'bz2', 'calendar', 'cmath', 'codecs', 'collections', 'colorsys', 'concurrent', 'configparser',
  'contextlib', 'contextvars', 'copy', 'csv', 'ctypes', 'dataclasses', 'datetime', 'decimal', 'difflib',
  'dis', 'email', 'enum', 'errno', 'faulthandler', 'fcntl', 'filecmp', 'fileinput', 'fnmatch',
  'fractions', 'functools', 'gc', 'getpass', 'gettext', 'glob', 'graphlib', 'gzip', 'hashlib', 'heapq',
  'hmac', 'html', 'http', 'importlib', 'inspect', 'io', 'ipaddress', 'itertools', 'json', 'keyword',
  'linecache', 'locale', 'logging', 'lzma', 'mailbox', 'math', 'mimetypes', 'mmap', 'multiprocessing',
  'numbers', 'operator', 'os', 'pathlib', 'pdb', 'pickle', 'pkgutil', 'platform', 'plistlib', 'pprint',
  'profile', 'queue', 'random', 're', 'reprlib', 'resource', 'sched', 'secrets', 'select', 'selectors',
  'shelve', 'shlex', 'shutil', 'signal', 'site', 'smtplib', 'socket', 'socketserver', 'sqlite3', 'ssl',
  'stat', 'statistics', 'string', 'struct', 'subprocess', 'sys', 'sysconfig', 'tarfile', 'tempfile',
  'textwrap', 'threading', 'time', 'timeit', 'tkinter', 'token', 'tokenize', 'tomllib', 'traceback',
  'types', 'typing', 'unicodedata', 'unittest', 'urllib', 'uuid', 'venv', 'warnings', 'weakref',
  'webbrowser', 'wsgiref', 'xml', 'zipfile', 'zlib', 'zoneinfo',
]);

/** Exception classes built into Python: raising one of these is not raising a custom error. */
export const BUILTIN_EXCEPTIONS: ReadonlySet<string> = new Set([
  'BaseException', 'BaseExceptionGroup', 'Exception', 'ExceptionGroup', 'ArithmeticError',
  'AssertionError', 'AttributeError', 'BlockingIOError', 'BrokenPipeError', 'BufferError',
  'ChildProcessError', 'ConnectionAbortedError', 'ConnectionError', 'ConnectionRefusedError',
  'ConnectionResetError', 'EOFError', 'EnvironmentError', 'FileExistsError', 'FileNotFoundError',
  'FloatingPointError', 'GeneratorExit', 'IOError', 'ImportError', 'IndentationError', 'IndexError',
  'InterruptedError', 'IsADirectoryError', 'KeyError', 'KeyboardInterrupt', 'LookupError',
  'MemoryError', 'ModuleNotFoundError', 'NameError', 'NotADirectoryError', 'NotImplementedError',
  'OSError', 'OverflowError', 'PermissionError', 'ProcessLookupError', 'RecursionError',
  'ReferenceError', 'RuntimeError', 'StopAsyncIteration', 'StopIteration', 'SyntaxError',
  'SystemError', 'SystemExit', 'TabError', 'TimeoutError', 'TypeError', 'UnboundLocalError',
  'UnicodeDecodeError', 'UnicodeEncodeError', 'UnicodeError', 'UnicodeTranslateError', 'ValueError',
  'ZeroDivisionError', 'Warning', 'UserWarning', 'DeprecationWarning', 'RuntimeWarning',
]);

/** Names Python or its frameworks impose, so they say nothing about a team's naming habits. */
export const FORCED_NAMES: ReadonlySet<string> = new Set([
  '_', 'main', 'self', 'cls', 'setUp', 'tearDown', 'setUpClass', 'tearDownClass', 'asyncSetUp',
  'asyncTearDown', 'setUpModule', 'tearDownModule',
]);

export function isDunder(name: string): boolean {
  return name.length > 4 && name.startsWith('__') && name.endsWith('__');
}
