"""What a GraphQL document asks, as the audit log and the purpose rule need it.

- the root fields of the chosen operation however they are written: directly,
  through fragment spreads and inline fragments, under aliases (`a1:people`);
- whether it reads persons anywhere (a Person, SourceRecord or drawn node at any
  depth), which is what needs a stated purpose;
- which variables feed a personal argument (`people(search: $s)`, `note: $n`),
  so that the log redacts them whatever they are called;
- the document normalised (one line, comments and spacing gone) with the
  literals that could identify a person redacted.

Facts are computed once per document text and operation name (clients send the
same few again and again).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ObjectFieldNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    TypeInfo,
    TypeInfoVisitor,
    VariableNode,
    Visitor,
    get_named_type,
    parse,
    print_ast,
    visit,
)

from api.audit import LARGEST_PLAIN_NUMBER, PERSONAL_KEYS, looks_personal

# A person's fields, a source record's, and the nodes of a neighbourhood or path (whose
# captions are names).
PERSON_TYPES = frozenset({"Person", "SourceRecord", "GraphNode"})


@dataclass(frozen=True)
class Facts:
    parsed: bool
    kind: str | None = None  # query, mutation, subscription
    name: str | None = None
    root_fields: tuple[str, ...] = ()
    reads_persons: bool = False
    personal_variables: frozenset[str] = frozenset()
    document: str | None = None

    @property
    def operation(self) -> str | None:
        """`query people,person`: the kind and the root fields' names, as the log shows them."""
        if not self.parsed:
            return "unparsable"
        if self.kind is None:
            return None
        names = dict.fromkeys(f.rsplit(":", 1)[-1] for f in self.root_fields)
        return f"{self.kind} {','.join(names)}"


@lru_cache(maxsize=512)
def facts_of(
    schema: GraphQLSchema, query: str, operation_name: str | None, max_tokens: int
) -> Facts:
    try:
        document = parse(query, max_tokens=max_tokens)
    except GraphQLError:
        return Facts(parsed=False)
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    operation = _operation(document, operation_name)
    personal = _personal_variables(document)
    normalised = " ".join(print_ast(visit(document, _Redactor())).split())
    if operation is None:
        return Facts(parsed=True, personal_variables=personal, document=normalised)
    return Facts(
        parsed=True,
        kind=operation.operation.value,
        name=operation.name.value if operation.name else None,
        root_fields=tuple(_root_fields(operation.selection_set, fragments, set())),
        reads_persons=_reads_persons(schema, document),
        personal_variables=personal,
        document=normalised,
    )


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name and o.name.value == name), None)


def _root_fields(
    selections: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode], seen: set[str]
) -> list[str]:
    fields: list[str] = []
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            name = selection.name.value
            fields.append(f"{selection.alias.value}:{name}" if selection.alias else name)
        elif isinstance(selection, InlineFragmentNode):
            fields += _root_fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            spread = selection.name.value
            if spread in fragments and spread not in seen:
                seen.add(spread)
                fields += _root_fields(fragments[spread].selection_set, fragments, seen)
    return fields


def _reads_persons(schema: GraphQLSchema, document: DocumentNode) -> bool:
    type_info = TypeInfo(schema)
    found = _PersonFinder(type_info)
    visit(document, TypeInfoVisitor(type_info, found))
    return found.found


class _PersonFinder(Visitor):
    def __init__(self, type_info: TypeInfo) -> None:
        super().__init__()
        self.type_info = type_info
        self.found = False

    def enter_field(self, *_args: object) -> None:
        named = get_named_type(self.type_info.get_type())
        if named is not None and named.name in PERSON_TYPES:
            self.found = True


def _argument_name(ancestors: list) -> str | None:
    """The name of the argument or input field a value is given to."""
    for node in reversed(ancestors):
        if isinstance(node, (ArgumentNode, ObjectFieldNode)):
            return node.name.value
    return None


def _personal_variables(document: DocumentNode) -> frozenset[str]:
    names: set[str] = set()

    class Finder(Visitor):
        def enter_variable(self, node: VariableNode, _key, _parent, _path, ancestors) -> None:
            argument = _argument_name(list(ancestors))
            if argument and PERSONAL_KEYS.search(argument):
                names.add(node.name.value)

    visit(document, Finder())
    return frozenset(names)


class _Redactor(Visitor):
    """Literals given to personal arguments, or that look personal, replaced."""

    def enter_string_value(self, node: StringValueNode, _key, _parent, _path, ancestors):
        argument = _argument_name(list(ancestors)) or ""
        if PERSONAL_KEYS.search(argument) or looks_personal(node.value):
            return StringValueNode(value=f"<redacted {len(node.value)} chars>")
        return None

    def enter_int_value(self, node: IntValueNode, _key, _parent, _path, ancestors):
        argument = _argument_name(list(ancestors)) or ""
        if PERSONAL_KEYS.search(argument) or abs(int(node.value)) > LARGEST_PLAIN_NUMBER:
            return StringValueNode(value="<redacted number>")
        return None
