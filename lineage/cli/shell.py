"""`lineage completion SHELL`: the script that makes the shell complete commands, options and choices."""

from __future__ import annotations

import os

import click

from lineage.cli.errors import DONE

SHELLS = ["bash", "zsh", "fish"]
#: The variable Click's completion protocol reads; derived from the program name, as Click does.
COMPLETE_VAR = "_LINEAGE_COMPLETE"


@click.command()
@click.argument("shell", required=False, type=click.Choice(SHELLS))
def completion(shell: str | None) -> int:
    """Print the shell completion script.

    For SHELL, or the shell named in $SHELL. Install it:

    \b
    bash:  eval "$(lineage completion bash)"         in ~/.bashrc
    zsh:   eval "$(lineage completion zsh)"          in ~/.zshrc
    fish:  lineage completion fish > ~/.config/fish/completions/lineage.fish
    """
    from click.shell_completion import get_completion_class

    chosen = shell or os.path.basename(os.environ.get("SHELL", ""))
    if chosen not in SHELLS:
        raise click.UsageError(f"name the shell: one of {', '.join(SHELLS)} (SHELL is {chosen or 'not set'!r})")
    root = click.get_current_context().find_root()
    script = get_completion_class(chosen)
    assert script is not None  # every name in SHELLS is one Click ships
    click.echo(script(root.command, {}, root.info_name or "lineage", COMPLETE_VAR).source())
    return DONE
