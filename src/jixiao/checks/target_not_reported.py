"""JX701 (待实现 / not written yet)

检查内容
为何重要
应报示例
不报示例
依据
"""
from __future__ import annotations

from .base import Context, rule


@rule("JX701", "target-not-reported", category="target-without-actual", severity="warning")
def check(ctx: Context):
    return ()
