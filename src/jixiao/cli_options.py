"""Command-line options shared by `jixiao check` and `jixiao batch`."""
from __future__ import annotations

import click

_RULE_OPTIONS = (
    click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
                 help="配置文件（默认从每份报告所在目录向上查找 jixiao.toml / pyproject.toml）/ config file"),
    click.option("--select", multiple=True, help="只运行这些规则（代码、代码前缀或类别）/ rules to run"),
    click.option("--ignore", multiple=True, help="不运行这些规则 / rules to skip"),
    click.option("--profile", default=None, help="评分规则（national、strict-execution 或 TOML 文件路径）/ scoring profile"),
    click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="never",
                 show_default=True, help="有此级别及以上的问题时退出码为 1 / exit 1 when findings at or above this level"),
)


def rule_options(f):
    """--config, --select, --ignore, --profile and --fail-on."""
    for opt in reversed(_RULE_OPTIONS):
        f = opt(f)
    return f
