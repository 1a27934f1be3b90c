(call function: (identifier) @eval.function (#eq? @eval.function "eval")) @eval

(call function: (identifier) @exec.function (#eq? @exec.function "exec")) @exec

(call
  function: (attribute object: (identifier) @pickle.module attribute: (identifier) @pickle.function)
  (#any-of? @pickle.module "pickle" "cPickle" "_pickle")
  (#any-of? @pickle.function "load" "loads")) @pickle_loads

; subprocess.run(..., shell=True), Popen(..., shell=True), ...
(call
  function: [(identifier) @shell.function
             (attribute attribute: (identifier) @shell.function)]
  arguments: (argument_list
    (keyword_argument name: (identifier) @shell.keyword value: (true)))
  (#any-of? @shell.function "run" "call" "check_call" "check_output" "Popen")
  (#eq? @shell.keyword "shell")) @subprocess_shell

(call
  function: (attribute attribute: (identifier) @shell.function)
  (#any-of? @shell.function "create_subprocess_shell" "getoutput" "getstatusoutput")) @subprocess_shell

(call
  function: (attribute object: (identifier) @os.module attribute: (identifier) @os.function)
  (#eq? @os.module "os")
  (#any-of? @os.function "system" "popen")) @os_system

(call
  function: (attribute object: (identifier) @yaml.module attribute: (identifier) @yaml.function)
  arguments: (argument_list) @yaml.arguments
  (#eq? @yaml.module "yaml")
  (#any-of? @yaml.function "load" "load_all")
  (#not-match? @yaml.arguments "SafeLoader")) @yaml_load

(call
  function: (attribute object: (identifier) @yaml.module attribute: (identifier) @yaml.function)
  (#eq? @yaml.module "yaml")
  (#any-of? @yaml.function "unsafe_load" "unsafe_load_all")) @yaml_unsafe_load

; SQL built from pieces: whether the text starts with a SQL verb is checked in code
; (case-insensitively, which query regexes cannot say).
(string (interpolation)) @sql_fstring

(binary_operator left: (string) operator: "%") @sql_percent

(call
  function: (attribute object: (string) attribute: (identifier) @sql.method)
  (#eq? @sql.method "format")) @sql_format

(binary_operator operator: "+") @sql_concat

(call
  function: (attribute attribute: (identifier) @sql.method)
  arguments: (argument_list . (_) @sql.query)
  (#any-of? @sql.method "execute" "executemany" "executescript")) @sql_execute

; String literals bound to names: whether they look like secrets is checked in code.
(assignment left: (identifier) @secret.name right: (string) @secret.value) @hardcoded_secret
(assignment left: (attribute attribute: (identifier) @secret.name) right: (string) @secret.value) @hardcoded_secret
(keyword_argument name: (identifier) @secret.name value: (string) @secret.value) @hardcoded_secret
(pair key: (string) @secret.name value: (string) @secret.value) @hardcoded_secret
