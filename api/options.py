"""CLI options made from dataclasses: each field (its type, default, and `help`, `env`, `flag` metadata) becomes
one typer option, and the command receives the dataclass instead of the loose values.

Settings and the store connection are declared once this way, however many commands take them.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from dataclasses import fields
from typing import Annotated, Any

import typer


def options_from(cls: type, parameter: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a command that takes `parameter: cls`: typer sees (through __signature__) the command's other
    parameters followed by one option per field of cls."""
    hints = typing.get_type_hints(cls, include_extras=True)
    options = []
    for f in fields(cls):
        declared = [f.metadata["flag"]] if "flag" in f.metadata else []
        option = typer.Option(*declared, help=f.metadata.get("help"), envvar=f.metadata.get("env"))
        options.append(
            inspect.Parameter(
                f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default, annotation=Annotated[hints[f.name], option]
            )
        )
    names = [f.name for f in fields(cls)]

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        own = [p for p in inspect.signature(command, eval_str=True).parameters.values() if p.name != parameter]

        @functools.wraps(command)
        def run(**kwargs: Any) -> Any:
            made = cls(**{name: kwargs.pop(name) for name in names})
            return command(**{parameter: made}, **kwargs)

        parameters = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own] + options
        run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        return run

    return decorate
