"""Reading platform exports: one folder of CSV files in, rows and quarantine out.

    exports = read_exports(input_dir, mapping_file=None)
    for row in exports.rows("dispatch_parties"):   # streamed from disk
        row.fields["name"], row.line, row.raw
    exports.count("dispatch_parties"); exports.quarantined; exports.counts()
    write_quarantine(out_dir / "quarantine.csv", exports.quarantined)

Kinds, headers and the mapping-file format: see README.md in this folder.
"""

from resolution.sources.exports import Exports, read_exports, write_quarantine
from resolution.sources.kinds import KINDS
from resolution.sources.reader import PlatformFile
from resolution.sources.rows import Quarantined, SourceRow

__all__ = [
    "KINDS",
    "Exports",
    "PlatformFile",
    "Quarantined",
    "SourceRow",
    "read_exports",
    "write_quarantine",
]
