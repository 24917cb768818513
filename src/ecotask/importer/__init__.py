"""Import a task-breakdown table from a Word (.docx) or Excel (.xlsx) file into the data files.

The table is found by its header (序号, 任务名称, 任务分解…, 完成时限, 牵头单位,
责任单位, 分管领导, in any order, or their synonyms in headers.py); its cells are read by
the rules of cells.py, the ones the hand transcription of the bundled data followed. The
result is tasks.yaml in data/tasks.yaml's layout (milestone texts verbatim, repairs noted
in comments) and, for a folder without one, a group.yaml skeleton that declares every unit
and leader met. python-docx and openpyxl are imported only here, and only when a file of
theirs is read.
"""

from .build import Imported, check, import_table
from .grids import check_extension
from .headers import parse_columns

__all__ = ["Imported", "check", "check_extension", "import_table", "parse_columns"]
