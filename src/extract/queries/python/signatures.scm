; Functions anywhere: module level, nested in other functions or in if/try blocks.
(function_definition
  name: (identifier) @function.name
  body: (block) @function.body) @function

; Methods: functions defined directly in a class body, decorated or not.
(class_definition
  name: (identifier) @method.container
  body: (block (function_definition) @method))

(class_definition
  name: (identifier) @method.container
  body: (block (decorated_definition definition: (function_definition) @method)))

; Constructors: __init__ in a class body.
(class_definition
  name: (identifier) @constructor.container
  body: (block
    (function_definition name: (identifier) @constructor.name) @constructor)
  (#eq? @constructor.name "__init__"))

(class_definition
  name: (identifier) @constructor.container
  body: (block
    (decorated_definition
      definition: (function_definition name: (identifier) @constructor.name) @constructor))
  (#eq? @constructor.name "__init__"))
