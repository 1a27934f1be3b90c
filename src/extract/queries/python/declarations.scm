(function_definition name: (identifier) @function)

(class_definition name: (identifier) @class)

(type_alias_statement left: (type (identifier) @type_alias))

; Assignment targets: x = ..., x: T = ..., a, b = ..., (a, b) = ...
(assignment left: (identifier) @variable)
(assignment left: (pattern_list (identifier) @variable))
(assignment left: (tuple_pattern (identifier) @variable))

; Function parameters (lambda parameters are not declarations worth naming).
(parameters (identifier) @parameter)
(parameters (typed_parameter . (identifier) @parameter))
(parameters (default_parameter name: (identifier) @parameter))
(parameters (typed_default_parameter name: (identifier) @parameter))
(parameters (list_splat_pattern (identifier) @parameter))
(parameters (dictionary_splat_pattern (identifier) @parameter))
(parameters (typed_parameter (list_splat_pattern (identifier) @parameter)))
(parameters (typed_parameter (dictionary_splat_pattern (identifier) @parameter)))
