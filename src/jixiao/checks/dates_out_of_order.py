"""JX1002 (待实现 / not written yet)

检查内容
为何重要
应报示例
不报示例
依据
"""
from __future__ import annotations

from .base import Context, rule


@rule("JX1002", "dates-out-of-order", category="date-inconsistent", severity="warning")
def check(ctx: Context):
    return ()
