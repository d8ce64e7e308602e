"""The perspective in Bloom's export format, written from the graph model and the design.

The format is that of the perspectives Bloom 2.21 exports; tests/fixtures/bloom_format.json
describes it, with the public exports it was read from. Output is deterministic: ids and
timestamps derive from what names each item, so writing again gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from graph.bloom.design import (
    LOOKS,
    RELATIONSHIP_COLOR,
    RELATIONSHIP_COLORS,
    SCENE_ACTIONS,
    SEARCH_PHRASES,
    STYLE_RULES,
    ColorByRange,
    ColorWhenEquals,
    Param,
    SceneAction,
    SearchPhrase,
    SizeByRange,
    StyleRule,
)
from graph.model import MODEL, GraphModel, Label, Property, Relationship, ValueType
from graph.statements import statement

NAME = "Fengqiao 枫桥"
BLOOM_VERSION = "2.21.0"
PALETTE = (
    "#FFE081",
    "#C990C0",
    "#F79767",
    "#57C7E3",
    "#F16667",
    "#D9C8AE",
    "#8DCC93",
    "#ECB5C9",
    "#4C8EDA",
    "#FFC454",
    "#DA7194",
    "#569480",
    "#848484",
    "#D9D9D9",
)
EPOCH_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z; every timestamp falls within the day after
DAY_MS = 86_400_000

# Bloom's names for property data types, and for the data types of search phrase parameters.
PROPERTY_TYPES = {
    ValueType.STRING: "string",
    ValueType.INTEGER: "bigint",
    ValueType.FLOAT: "number",
    ValueType.BOOLEAN: "boolean",
    ValueType.STRING_LIST: "array",
    ValueType.DATE: "Date",
    ValueType.LOCAL_DATETIME: "LocalDateTime",
}
PARAM_TYPES = {
    ValueType.STRING: "String",
    ValueType.INTEGER: "Integer",
    ValueType.FLOAT: "Float",
    ValueType.BOOLEAN: "Boolean",
    ValueType.DATE: "Date",
    ValueType.LOCAL_DATETIME: "LocalDateTime",
}


def perspective_text(model: GraphModel = MODEL) -> str:
    """The perspective file: indented JSON (so that it diffs), ending in a newline."""
    return json.dumps(perspective(model), ensure_ascii=False, indent=2) + "\n"


def perspective(model: GraphModel = MODEL) -> dict[str, Any]:
    category_ids = {label.name: number for number, label in enumerate(model.labels, start=1)}
    created = _stamp("perspective", NAME)
    return {
        "name": NAME,
        "id": _uuid("perspective", NAME),
        "categories": [_category(label, category_ids[label.name]) for label in model.labels],
        "labels": {
            label.name: [_typed(p, label.name) for p in label.properties] for label in model.labels
        },
        "relationshipTypes": [_relationship_type(r) for r in model.relationships],
        "palette": {"colors": list(PALETTE), "currentIndex": len(model.labels) % len(PALETTE)},
        "createdAt": created,
        "lastEditedAt": created,
        "templates": [_template(phrase, model) for phrase in SEARCH_PHRASES],
        "sceneActions": [_scene_action(action, category_ids) for action in SCENE_ACTIONS],
        "hiddenRelationshipTypes": [],
        "hideUncategorisedData": False,
        "type": "STANDARD_PERSPECTIVE",
        "parentPerspectiveId": None,
        "metadata": {"pathSegments": _path_segments(model), "indexes": _indexes(model)},
        "version": BLOOM_VERSION,
    }


def _category(label: Label, number: int) -> dict[str, Any]:
    look = LOOKS[label.name]
    stamp = _stamp("category", label.name)
    return {
        "id": number,
        "name": label.name,
        "labels": [label.name],
        "properties": [
            {"name": p.name, "exclude": False, "dataType": PROPERTY_TYPES[p.type]}
            for p in label.properties
        ],
        "createdAt": stamp,
        "lastEditedAt": stamp,
        "color": look.color,
        "size": 1,
        "icon": look.icon,
        "textSize": 1,
        "textAlign": "top",
        "captions": _captions(label, shown=label.captions),
        "captionKeys": [],
        "styleRules": [
            _style_rule(rule, label) for rule in STYLE_RULES if rule.label == label.name
        ],
    }


def _captions(label: Label, shown: tuple[str, ...]) -> list[dict[str, Any]]:
    """The label, then every property by name; those `shown` are captions and in the tooltip."""
    return [
        {"inTooltip": False, "styles": [], "isCaption": False, "key": label.name, "type": "label"}
    ] + [
        {
            "inTooltip": name in shown,
            "styles": [],
            "isCaption": name in shown,
            "key": name,
            "type": "property",
            "isGdsData": False,
        }
        for name in sorted(p.name for p in label.properties)
    ]


def _style_rule(rule: StyleRule, label: Label) -> dict[str, Any]:
    prop = label.property(rule.property)
    common = {
        "id": f"rule:{_stamp('rule', type(rule).__name__, label.name, prop.name, _value(rule))}",
        "minSize": 1,
        "maxSize": 2,
        "minColor": "#D5EEE2",
        "midColor": "#81CCA8",
        "maxColor": "#428C6A",
        "minPoint": "unprocessed",
        "maxPoint": "unprocessed",
        "applyCaption": False,
        "textAlign": "top",
        "textSize": 1,
        "captions": _captions(label, shown=()),
        "isTimeZoneConvertEnabled": False,
        "selectedTimeZone": "Z",
        "basedOn": f"{prop.name}_{PROPERTY_TYPES[prop.type]}",
        "valuesMapper": [],
        "existingValues": [],
    }
    scale = {
        "type": "range",
        "size": 1,
        "color": LOOKS[label.name].color,
        "condition": None,
        "conditionValue": None,
        "rangeValue": None,
        "minSizeValue": "",
        "maxSizeValue": "",
        "minColorValue": "",
        "midColorValue": "",
        "maxColorValue": "",
    }
    match rule:
        case ColorWhenEquals():
            return common | {
                "type": "single",
                "size": 1,
                "applyColor": True,
                "applySize": False,
                "color": rule.color,
                "condition": "equals",
                "conditionValue": rule.value,
                "rangeValue": None,
            }
        case SizeByRange():
            return (
                common
                | scale
                | {
                    "applyColor": False,
                    "applySize": True,
                    "minSize": rule.smallest,
                    "maxSize": rule.largest,
                    "minSizeValue": _number(rule.low),
                    "maxSizeValue": _number(rule.high),
                }
            )
        case ColorByRange():
            low, mid, high = rule.colors
            return (
                common
                | scale
                | {
                    "applyColor": True,
                    "applySize": False,
                    "minColor": low,
                    "midColor": mid,
                    "maxColor": high,
                    "minColorValue": _number(rule.low),
                    "midColorValue": _number(rule.mid),
                    "maxColorValue": _number(rule.high),
                }
            )


def _value(rule: StyleRule) -> str:
    return rule.value if isinstance(rule, ColorWhenEquals) else ""


def _relationship_type(relationship: Relationship) -> dict[str, Any]:
    kind = relationship.type
    return {
        "id": kind,
        "name": kind,
        "properties": [_typed(p, kind) for p in relationship.properties],
        "color": RELATIONSHIP_COLORS.get(kind, RELATIONSHIP_COLOR),
        "size": 1,
        "captionKeys": [],
        "captions": [
            {
                "inTooltip": True,
                "isCaption": True,
                "styles": [],
                "key": kind,
                "type": "relationship",
            }
        ]
        + [
            {
                "inTooltip": p.name in relationship.captions,
                "styles": [],
                "isCaption": p.name in relationship.captions,
                "key": p.name,
                "type": "property",
                "isGdsData": False,
            }
            for p in relationship.properties
        ],
        "textSize": 1,
        "textAlign": "top",
        "styleRules": [],
    }


def _typed(prop: Property, owner: str) -> dict[str, str]:
    return {"propertyKey": prop.name, "type": owner, "dataType": PROPERTY_TYPES[prop.type]}


def _template(phrase: SearchPhrase, model: GraphModel) -> dict[str, Any]:
    created = _stamp("template", phrase.text)
    return {
        "name": phrase.description,
        "id": f"tmpl:{created}",
        "createdAt": created,
        "text": phrase.text,
        "cypher": statement(phrase.statement),
        "isUpdateQuery": None,
        "isWriteTransactionChecked": None,
        "params": [_param(param, model) for param in phrase.params],
        "hasCypherErrors": False,
    }


def _param(param: Param, model: GraphModel) -> dict[str, Any]:
    compared = model.label(param.label).property(param.property)
    return {
        "name": f"${param.name}",
        "dataType": PARAM_TYPES[compared.type],
        "collapsed": False,
        "suggestionLabel": param.label if param.label_key else None,
        "suggestionProp": param.property if param.label_key else None,
        "suggestionBoolean": False,
        "cypher": statement(param.suggestions) if param.suggestions else None,
    }


def _scene_action(action: SceneAction, category_ids: dict[str, int]) -> dict[str, Any]:
    return {
        "name": action.name,
        "id": _uuid("sceneAction", action.name),
        "createdAt": _stamp("sceneAction", action.name),
        "cypher": statement(action.statement),
        "isUpdateQuery": None,
        "isWriteTransactionChecked": None,
        "categories": [category_ids[label] for label in action.labels],
        "relationshipTypes": None,
        "hasCypherErrors": False,
    }


def _path_segments(model: GraphModel) -> list[dict[str, str]]:
    return [
        {"source": start, "relationshipType": r.type, "target": end}
        for r in model.relationships
        for start, end in r.ends
    ]


def _indexes(model: GraphModel) -> list[dict[str, Any]]:
    """Node range indexes per label, Bloom's entry for no label, then the full-text indexes
    (which Bloom's search bar queries)."""
    nodes = [i for i in model.indexes if i.entity == "NODE"]
    native = [
        {
            "label": label.name,
            "type": "native",
            "propertyKeys": [
                {"key": key, "metadataProp": False}
                for i in nodes
                if i.kind == "RANGE" and label.name in i.tokens
                for key in i.properties
            ],
        }
        for label in model.labels
        if any(i.kind == "RANGE" and label.name in i.tokens for i in nodes)
    ]
    fulltext = [
        {
            "type": "full-text",
            "state": "ONLINE",
            "entityType": "NODE",
            "tokenNames": list(i.tokens),
            "name": i.name,
            "propertyNames": list(i.properties),
            "provider": {"key": "fulltext", "version": "1.0"},
        }
        for i in nodes
        if i.kind == "FULLTEXT"
    ]
    return native + [{"label": None, "type": "native", "propertyKeys": []}] + fulltext


def _number(value: float) -> str:
    return f"{value:g}"


def _stamp(*parts: str) -> int:
    """A millisecond timestamp on 2026-01-01, derived from the parts."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return EPOCH_MS + int.from_bytes(digest[:6], "big") % DAY_MS


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "fengqiao:bloom:" + ":".join(parts)))
