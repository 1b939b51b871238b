"""Imported once by the process pool's fork server: loads jixiao and warms its caches (jieba's
dictionary, compiled patterns, resources, the models) so every worker forked from it starts ready.
The warm-up report has a finding (88 points graded 优), so the triage model is loaded as well."""
from __future__ import annotations

from .worker import check_one

_WARM = ("2024年度某局部门整体支出绩效自评报告\n一、部门概况\n年初预算100万元，全年支出95万元，预算执行率95%。\n"
         "二、绩效目标完成情况\n培训人数目标≥100人，实际完成120人，得分10分。\n"
         "三、自评结论\n自评得分88分，评价等级为优。\n")

check_one("warm-up.txt", None, _WARM.encode("utf-8"))
