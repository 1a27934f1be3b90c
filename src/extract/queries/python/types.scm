; Classes decorated with @dataclass, @dataclasses.dataclass or @dataclass(...).
(decorated_definition
  (decorator
    [(identifier) @dataclass.decorator
     (attribute attribute: (identifier) @dataclass.decorator)
     (call function: [(identifier) @dataclass.decorator
                      (attribute attribute: (identifier) @dataclass.decorator)])])
  definition: (class_definition) @dataclass
  (#eq? @dataclass.decorator "dataclass"))

; Pydantic models: direct subclasses of BaseModel / BaseSettings.
(class_definition
  superclasses: (argument_list
    [(identifier) @pydantic.base
     (attribute attribute: (identifier) @pydantic.base)])
  (#any-of? @pydantic.base "BaseModel" "BaseSettings")) @pydantic

(class_definition
  superclasses: (argument_list
    [(identifier) @typeddict.base
     (attribute attribute: (identifier) @typeddict.base)])
  (#eq? @typeddict.base "TypedDict")) @typeddict

(class_definition
  superclasses: (argument_list
    [(identifier) @enum.base
     (attribute attribute: (identifier) @enum.base)])
  (#any-of? @enum.base "Enum" "IntEnum" "StrEnum" "Flag" "IntFlag")) @enum

(class_definition
  superclasses: (argument_list
    [(identifier) @record.base
     (attribute attribute: (identifier) @record.base)])
  (#eq? @record.base "NamedTuple")) @record

; Protocols, plain or generic (Protocol[T]).
(class_definition
  superclasses: (argument_list
    [(identifier) @protocol.base
     (attribute attribute: (identifier) @protocol.base)
     (subscript value: [(identifier) @protocol.base
                        (attribute attribute: (identifier) @protocol.base)])])
  (#eq? @protocol.base "Protocol")) @protocol

; Every other class.
(class_definition name: (identifier) @class.name) @class
