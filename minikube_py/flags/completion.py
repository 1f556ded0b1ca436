"""cobra's shell completion, for the tools whose command line is cobra's (mkctl, mketcdctl): the bash, zsh
and fish scripts cobra generates (github.com/spf13/cobra, as kubectl 1.32 emits them, without kubectl's
license header) for a program's name, and the hidden `__complete` command they call: `PROG __complete
ARGS... WORD` prints one candidate a line (`name<TAB>description`; `__completeNoDesc` leaves descriptions
out), then `:DIRECTIVE` (a bit set: 1 error, 2 no space, 4 no file completion, 8 filter by extension, 16
directories only, 32 keep order), and on stderr `Completion ended with directive: ...` (cobra's
getCompletions).

Commands, subcommands and flag names come from the command tree; what a tool completes beyond them (required
flags, argument and flag values) it says in its `Rules`."""

from __future__ import annotations

import sys

from .pflag import STRING_ARRAY, STRING_SLICE, Command, CommandLineError, Flag, FlagSet, parse

DEFAULT, ERROR, NO_SPACE, NO_FILE_COMP, FILTER_FILE_EXT, FILTER_DIRS, KEEP_ORDER = 0, 1, 2, 4, 8, 16, 32
_DIRECTIVE_NAMES = ((ERROR, "ShellCompDirectiveError"), (NO_SPACE, "ShellCompDirectiveNoSpace"),
                    (NO_FILE_COMP, "ShellCompDirectiveNoFileComp"),
                    (FILTER_FILE_EXT, "ShellCompDirectiveFilterFileExt"),
                    (FILTER_DIRS, "ShellCompDirectiveFilterDirs"), (KEEP_ORDER, "ShellCompDirectiveKeepOrder"))

SHELLS = ("bash", "zsh", "fish")

TYPE_CHECKING = False
if TYPE_CHECKING:
    Values = tuple[tuple[str, ...], int]  # candidates and directive


class Rules:
    """A tool's completions beyond command and flag names, by command path ("create deployment"):
    `required` flags (offered first), the first argument's static candidates (`arguments`, narrowed to the
    typed prefix), commands whose arguments come from elsewhere (`dynamic`: no candidates here, no file
    completion), flag values for every command with the flag (`flag_values`), for one command
    (`command_flag_values`, by (path, flag)), or for the root's own flag only (`global_flag_values`), and
    the flags whose values are narrowed to the typed prefix (`prefix_filtered`; for the others the shell
    narrows); and whether command names may be abbreviated (`prefix_matching`, off in kubectl)."""

    def __init__(self, *, required: dict[str, tuple[str, ...]] | None = None,
                 arguments: dict[str, Values] | None = None, dynamic: tuple[str, ...] = (),
                 flag_values: dict[str, Values] | None = None,
                 command_flag_values: dict[tuple[str, str], Values] | None = None,
                 global_flag_values: dict[str, Values] | None = None, prefix_filtered: tuple[str, ...] = (),
                 prefix_matching: bool = True) -> None:
        self.required, self.arguments, self.dynamic = required or {}, arguments or {}, dynamic
        self.flag_values, self.command_flag_values = flag_values or {}, command_flag_values or {}
        self.global_flag_values, self.prefix_filtered = global_flag_values or {}, prefix_filtered
        self.prefix_matching = prefix_matching


def script(shell: str, program: str, *, descriptions: bool = True) -> str:
    """cobra's completion script for `shell`, for a program called `program` (asking `__completeNoDesc`
    without `descriptions`, as cobra's `completion SHELL --no-descriptions`)."""
    text = {"bash": _BASH, "zsh": _ZSH, "fish": _FISH}[shell]
    if not descriptions:
        text = text.replace(" __complete ", " __completeNoDesc ")
    return text.replace("@PROG@", program).replace("@VAR@", program.upper().replace("-", "_"))


def answer(root: Command, args: list[str], rules: Rules, *, descriptions: bool) -> None:
    """What `__complete` (or `__completeNoDesc`, without `descriptions`) prints for `args`."""
    found, directive = candidates(root, args, rules)
    out = []
    for item in found:
        name, _, description = item.partition("\t")
        description = description.split("\n", 1)[0].rstrip()
        out.append(f"{name}\t{description}\n" if descriptions and description else f"{name}\n")
    sys.stdout.write("".join(out) + f":{directive}\n")
    sys.stdout.flush()
    sys.stderr.write(f"Completion ended with directive: {directive_names(directive)}\n")


def directive_names(directive: int) -> str:
    if directive == DEFAULT:
        return "ShellCompDirectiveDefault"
    return ", ".join(name for bit, name in _DIRECTIVE_NAMES if directive & bit)


def candidates(root: Command, args: list[str], rules: Rules) -> tuple[list[str], int]:
    """cobra's getCompletions: what completes the last word of `args` (`name\\tdescription` items) and the
    directive."""
    words, to_complete = (args[:-1], args[-1]) if args else ([], "")
    try:
        command, rest = root.find(words, prefixes=rules.prefix_matching)
    except CommandLineError:
        return _fail(f"unable to find a command for arguments: [{' '.join(words)}]")
    path = " ".join(command.path().split(" ")[1:])
    flags = command.flags()
    try:
        flag, rest, to_complete = _flag_being_completed(flags, rest, to_complete)
    except LookupError as err:
        return _fail(f"Subcommand '{command.name}' does not support flag '{err.args[0]}'")
    try:
        parsed = parse(flags, rest)
    except CommandLineError as err:
        return _fail(f"Error while parsing flags from args [{' '.join(rest)}]: {err}")
    if flag is not None:
        return _flag_values(rules, path, flag, flag in root.persistent_flags, to_complete)
    required = _required(rules, command, path, to_complete)
    if to_complete.startswith("-") and "=" not in to_complete and parsed.dash_at < 0:
        if required:
            return required, NO_FILE_COMP
        found = [item for listed in (command.inherited_flags(), command.local_flags())
                 for item in _flag_names(listed, to_complete)]
        return found, NO_SPACE if len(found) == 1 and found[0].split("\t")[0].endswith("=") else NO_FILE_COMP
    found: list[str] = []
    directive = DEFAULT
    own = {flag.name for flag in command.own_flags}
    if not parsed.args and not any(flags.lookup(name).changed for name in own):
        for sub in command.sorted_commands():
            if sub.available or sub.name == "help":
                if sub.name.startswith(to_complete):
                    found.append(f"{sub.name}\t{sub.short}")
                directive = NO_FILE_COMP
    found += required
    if command.name == "help" and command.parent is not None and command.parent.parent is None:
        return _help_topics(root, parsed.args, to_complete, rules.prefix_matching)
    static = rules.arguments.get(path)
    if static is not None and not parsed.args:
        values, directive = static
        return found + [value for value in values if value.startswith(to_complete)], directive
    if static is not None or path in rules.dynamic:
        return found, NO_FILE_COMP
    return found, directive


def _fail(message: str) -> tuple[list[str], int]:
    sys.stderr.write(f"[Debug] [Error] {message}\n")
    return [], DEFAULT


def _flag_being_completed(flags: FlagSet, args: list[str], word: str) -> tuple[Flag | None, list[str], str]:
    """cobra's checkIfFlagCompletion: the flag whose value the word is (`--output=j`, `-o=j`, or after
    `--output`), the arguments without it, and the text to complete. Raises LookupError for an unknown
    flag name."""
    if word.startswith("-"):
        if "=" not in word:
            return None, args, word
        index = word.index("=")
        name = word[2:index] if word.startswith("--") else word[index - 1:index]
        return _lookup(flags, name), args, word[index + 1:]
    if not args or not _is_flag_arg(args[-1]) or "=" in args[-1]:
        return None, args, word
    previous = args[-1]
    flag = _lookup(flags, previous[2:] if previous.startswith("--") else previous[-1])
    if flag.no_opt_default:  # a boolean (or a flag with a value of its own): the word is an argument
        return None, args, word
    return flag, args[:-1], word


def _lookup(flags: FlagSet, name: str) -> Flag:
    flag = flags.lookup(name) if len(name) > 1 else flags.lookup_short(name) or flags.lookup(name)
    if flag is None:
        raise LookupError(name)
    return flag


def _is_flag_arg(arg: str) -> bool:
    return (len(arg) >= 3 and arg.startswith("--")) or (len(arg) >= 2 and arg[0] == "-" and arg[1] != "-")


def _flag_names(flags: FlagSet, word: str) -> list[str]:
    found = []
    for flag in flags:
        if flag.hidden or (flag.changed and flag.kind not in (STRING_SLICE, STRING_ARRAY)):
            continue
        if f"--{flag.name}".startswith(word):
            found.append(f"--{flag.name}\t{flag.usage}")
        if flag.shorthand and f"-{flag.shorthand}".startswith(word):
            found.append(f"-{flag.shorthand}\t{flag.usage}")
    return found


def _required(rules: Rules, command: Command, path: str, word: str) -> list[str]:
    """cobra's completeRequireFlags: required flags not yet given, when the word could start one."""
    found = []
    for name in rules.required.get(path, ()):
        flag = command.flags().lookup(name)
        if flag is not None and not flag.changed:
            found += _flag_names(FlagSet([flag]), word) if word.startswith("-") else \
                [f"--{flag.name}\t{flag.usage}"] if not word else []
    return found


def _flag_values(rules: Rules, path: str, flag: Flag, is_global: bool, word: str) -> tuple[list[str], int]:
    values = rules.command_flag_values.get((path, flag.name)) or rules.flag_values.get(flag.name) or \
        (rules.global_flag_values.get(flag.name) if is_global else None)
    if values is None:
        return [], DEFAULT
    choices, directive = values
    if flag.name in rules.prefix_filtered:
        return [choice for choice in choices if choice.startswith(word)], directive
    return list(choices), directive


def _help_topics(root: Command, args: list[str], word: str, prefixes: bool) -> tuple[list[str], int]:
    """cobra's help command completion: the subcommands of the command the arguments name."""
    try:
        command, _ = root.find(args, prefixes=prefixes)
    except CommandLineError:
        return [], NO_FILE_COMP
    return [f"{sub.name}\t{sub.short}" for sub in command.sorted_commands()
            if (sub.available or sub.name == "help") and sub.name.startswith(word)], NO_FILE_COMP


# cobra's generated scripts; @PROG@ stands for the program's name, @VAR@ for it as a variable name.
_BASH = r'''# bash completion V2 for @PROG@                              -*- shell-script -*-

__@PROG@_debug()
{
    if [[ -n ${BASH_COMP_DEBUG_FILE-} ]]; then
        echo "$*" >> "${BASH_COMP_DEBUG_FILE}"
    fi
}

# Macs have bash3 for which the bash-completion package doesn't include
# _init_completion. This is a minimal version of that function.
__@PROG@_init_completion()
{
    COMPREPLY=()
    _get_comp_words_by_ref "$@" cur prev words cword
}

# This function calls the @PROG@ program to obtain the completion
# results and the directive.  It fills the 'out' and 'directive' vars.
__@PROG@_get_completion_results() {
    local requestComp lastParam lastChar args

    # Prepare the command to request completions for the program.
    # Calling ${words[0]} instead of directly @PROG@ allows handling aliases
    args=("${words[@]:1}")
    requestComp="${words[0]} __complete ${args[*]}"

    lastParam=${words[$((${#words[@]}-1))]}
    lastChar=${lastParam:$((${#lastParam}-1)):1}
    __@PROG@_debug "lastParam ${lastParam}, lastChar ${lastChar}"

    if [[ -z ${cur} && ${lastChar} != = ]]; then
        # If the last parameter is complete (there is a space following it)
        # We add an extra empty parameter so we can indicate this to the go method.
        __@PROG@_debug "Adding extra empty parameter"
        requestComp="${requestComp} ''"
    fi

    # When completing a flag with an = (e.g., @PROG@ -n=<TAB>)
    # bash focuses on the part after the =, so we need to remove
    # the flag part from $cur
    if [[ ${cur} == -*=* ]]; then
        cur="${cur#*=}"
    fi

    __@PROG@_debug "Calling ${requestComp}"
    # Use eval to handle any environment variables and such
    out=$(eval "${requestComp}" 2>/dev/null)

    # Extract the directive integer at the very end of the output following a colon (:)
    directive=${out##*:}
    # Remove the directive
    out=${out%:*}
    if [[ ${directive} == "${out}" ]]; then
        # There is not directive specified
        directive=0
    fi
    __@PROG@_debug "The completion directive is: ${directive}"
    __@PROG@_debug "The completions are: ${out}"
}

__@PROG@_process_completion_results() {
    local shellCompDirectiveError=1
    local shellCompDirectiveNoSpace=2
    local shellCompDirectiveNoFileComp=4
    local shellCompDirectiveFilterFileExt=8
    local shellCompDirectiveFilterDirs=16
    local shellCompDirectiveKeepOrder=32

    if (((directive & shellCompDirectiveError) != 0)); then
        # Error code.  No completion.
        __@PROG@_debug "Received error from custom completion go code"
        return
    else
        if (((directive & shellCompDirectiveNoSpace) != 0)); then
            if [[ $(type -t compopt) == builtin ]]; then
                __@PROG@_debug "Activating no space"
                compopt -o nospace
            else
                __@PROG@_debug "No space directive not supported in this version of bash"
            fi
        fi
        if (((directive & shellCompDirectiveKeepOrder) != 0)); then
            if [[ $(type -t compopt) == builtin ]]; then
                # no sort isn't supported for bash less than < 4.4
                if [[ ${BASH_VERSINFO[0]} -lt 4 || ( ${BASH_VERSINFO[0]} -eq 4 && ${BASH_VERSINFO[1]} -lt 4 ) ]]; then
                    __@PROG@_debug "No sort directive not supported in this version of bash"
                else
                    __@PROG@_debug "Activating keep order"
                    compopt -o nosort
                fi
            else
                __@PROG@_debug "No sort directive not supported in this version of bash"
            fi
        fi
        if (((directive & shellCompDirectiveNoFileComp) != 0)); then
            if [[ $(type -t compopt) == builtin ]]; then
                __@PROG@_debug "Activating no file completion"
                compopt +o default
            else
                __@PROG@_debug "No file completion directive not supported in this version of bash"
            fi
        fi
    fi

    # Separate activeHelp from normal completions
    local completions=()
    local activeHelp=()
    __@PROG@_extract_activeHelp

    if (((directive & shellCompDirectiveFilterFileExt) != 0)); then
        # File extension filtering
        local fullFilter filter filteringCmd

        # Do not use quotes around the $completions variable or else newline
        # characters will be kept.
        for filter in ${completions[*]}; do
            fullFilter+="$filter|"
        done

        filteringCmd="_filedir $fullFilter"
        __@PROG@_debug "File filtering command: $filteringCmd"
        $filteringCmd
    elif (((directive & shellCompDirectiveFilterDirs) != 0)); then
        # File completion for directories only

        local subdir
        subdir=${completions[0]}
        if [[ -n $subdir ]]; then
            __@PROG@_debug "Listing directories in $subdir"
            pushd "$subdir" >/dev/null 2>&1 && _filedir -d && popd >/dev/null 2>&1 || return
        else
            __@PROG@_debug "Listing directories in ."
            _filedir -d
        fi
    else
        __@PROG@_handle_completion_types
    fi

    __@PROG@_handle_special_char "$cur" :
    __@PROG@_handle_special_char "$cur" =

    # Print the activeHelp statements before we finish
    if ((${#activeHelp[*]} != 0)); then
        printf "\n";
        printf "%s\n" "${activeHelp[@]}"
        printf "\n"

        # The prompt format is only available from bash 4.4.
        # We test if it is available before using it.
        if (x=${PS1@P}) 2> /dev/null; then
            printf "%s" "${PS1@P}${COMP_LINE[@]}"
        else
            # Can't print the prompt.  Just print the
            # text the user had typed, it is workable enough.
            printf "%s" "${COMP_LINE[@]}"
        fi
    fi
}

# Separate activeHelp lines from real completions.
# Fills the $activeHelp and $completions arrays.
__@PROG@_extract_activeHelp() {
    local activeHelpMarker="_activeHelp_ "
    local endIndex=${#activeHelpMarker}

    while IFS='' read -r comp; do
        if [[ ${comp:0:endIndex} == $activeHelpMarker ]]; then
            comp=${comp:endIndex}
            __@PROG@_debug "ActiveHelp found: $comp"
            if [[ -n $comp ]]; then
                activeHelp+=("$comp")
            fi
        else
            # Not an activeHelp line but a normal completion
            completions+=("$comp")
        fi
    done <<<"${out}"
}

__@PROG@_handle_completion_types() {
    __@PROG@_debug "__@PROG@_handle_completion_types: COMP_TYPE is $COMP_TYPE"

    case $COMP_TYPE in
    37|42)
        # Type: menu-complete/menu-complete-backward and insert-completions
        # If the user requested inserting one completion at a time, or all
        # completions at once on the command-line we must remove the descriptions.
        # https://github.com/spf13/cobra/issues/1508
        local tab=$'\t' comp
        while IFS='' read -r comp; do
            [[ -z $comp ]] && continue
            # Strip any description
            comp=${comp%%$tab*}
            # Only consider the completions that match
            if [[ $comp == "$cur"* ]]; then
                COMPREPLY+=("$comp")
            fi
        done < <(printf "%s\n" "${completions[@]}")
        ;;

    *)
        # Type: complete (normal completion)
        __@PROG@_handle_standard_completion_case
        ;;
    esac
}

__@PROG@_handle_standard_completion_case() {
    local tab=$'\t' comp

    # Short circuit to optimize if we don't have descriptions
    if [[ "${completions[*]}" != *$tab* ]]; then
        IFS=$'\n' read -ra COMPREPLY -d '' < <(compgen -W "${completions[*]}" -- "$cur")
        return 0
    fi

    local longest=0
    local compline
    # Look for the longest completion so that we can format things nicely
    while IFS='' read -r compline; do
        [[ -z $compline ]] && continue
        # Strip any description before checking the length
        comp=${compline%%$tab*}
        # Only consider the completions that match
        [[ $comp == "$cur"* ]] || continue
        COMPREPLY+=("$compline")
        if ((${#comp}>longest)); then
            longest=${#comp}
        fi
    done < <(printf "%s\n" "${completions[@]}")

    # If there is a single completion left, remove the description text
    if ((${#COMPREPLY[*]} == 1)); then
        __@PROG@_debug "COMPREPLY[0]: ${COMPREPLY[0]}"
        comp="${COMPREPLY[0]%%$tab*}"
        __@PROG@_debug "Removed description from single completion, which is now: ${comp}"
        COMPREPLY[0]=$comp
    else # Format the descriptions
        __@PROG@_format_comp_descriptions $longest
    fi
}

__@PROG@_handle_special_char()
{
    local comp="$1"
    local char=$2
    if [[ "$comp" == *${char}* && "$COMP_WORDBREAKS" == *${char}* ]]; then
        local word=${comp%"${comp##*${char}}"}
        local idx=${#COMPREPLY[*]}
        while ((--idx >= 0)); do
            COMPREPLY[idx]=${COMPREPLY[idx]#"$word"}
        done
    fi
}

__@PROG@_format_comp_descriptions()
{
    local tab=$'\t'
    local comp desc maxdesclength
    local longest=$1

    local i ci
    for ci in ${!COMPREPLY[*]}; do
        comp=${COMPREPLY[ci]}
        # Properly format the description string which follows a tab character if there is one
        if [[ "$comp" == *$tab* ]]; then
            __@PROG@_debug "Original comp: $comp"
            desc=${comp#*$tab}
            comp=${comp%%$tab*}

            # $COLUMNS stores the current shell width.
            # Remove an extra 4 because we add 2 spaces and 2 parentheses.
            maxdesclength=$(( COLUMNS - longest - 4 ))

            # Make sure we can fit a description of at least 8 characters
            # if we are to align the descriptions.
            if ((maxdesclength > 8)); then
                # Add the proper number of spaces to align the descriptions
                for ((i = ${#comp} ; i < longest ; i++)); do
                    comp+=" "
                done
            else
                # Don't pad the descriptions so we can fit more text after the completion
                maxdesclength=$(( COLUMNS - ${#comp} - 4 ))
            fi

            # If there is enough space for any description text,
            # truncate the descriptions that are too long for the shell width
            if ((maxdesclength > 0)); then
                if ((${#desc} > maxdesclength)); then
                    desc=${desc:0:$(( maxdesclength - 1 ))}
                    desc+="…"
                fi
                comp+="  ($desc)"
            fi
            COMPREPLY[ci]=$comp
            __@PROG@_debug "Final comp: $comp"
        fi
    done
}

__start_@PROG@()
{
    local cur prev words cword split

    COMPREPLY=()

    # Call _init_completion from the bash-completion package
    # to prepare the arguments properly
    if declare -F _init_completion >/dev/null 2>&1; then
        _init_completion -n =: || return
    else
        __@PROG@_init_completion -n =: || return
    fi

    __@PROG@_debug
    __@PROG@_debug "========= starting completion logic =========="
    __@PROG@_debug "cur is ${cur}, words[*] is ${words[*]}, #words[@] is ${#words[@]}, cword is $cword"

    # The user could have moved the cursor backwards on the command-line.
    # We need to trigger completion from the $cword location, so we need
    # to truncate the command-line ($words) up to the $cword location.
    words=("${words[@]:0:$cword+1}")
    __@PROG@_debug "Truncated words[*]: ${words[*]},"

    local out directive
    __@PROG@_get_completion_results
    __@PROG@_process_completion_results
}

if [[ $(type -t compopt) = "builtin" ]]; then
    complete -o default -F __start_@PROG@ @PROG@
else
    complete -o default -o nospace -F __start_@PROG@ @PROG@
fi

# ex: ts=4 sw=4 et filetype=sh
'''  # noqa: E501

_ZSH = r'''#compdef @PROG@
compdef _@PROG@ @PROG@

# zsh completion for @PROG@                              -*- shell-script -*-

__@PROG@_debug()
{
    local file="$BASH_COMP_DEBUG_FILE"
    if [[ -n ${file} ]]; then
        echo "$*" >> "${file}"
    fi
}

_@PROG@()
{
    local shellCompDirectiveError=1
    local shellCompDirectiveNoSpace=2
    local shellCompDirectiveNoFileComp=4
    local shellCompDirectiveFilterFileExt=8
    local shellCompDirectiveFilterDirs=16
    local shellCompDirectiveKeepOrder=32

    local lastParam lastChar flagPrefix requestComp out directive comp lastComp noSpace keepOrder
    local -a completions

    __@PROG@_debug "\n========= starting completion logic =========="
    __@PROG@_debug "CURRENT: ${CURRENT}, words[*]: ${words[*]}"

    # The user could have moved the cursor backwards on the command-line.
    # We need to trigger completion from the $CURRENT location, so we need
    # to truncate the command-line ($words) up to the $CURRENT location.
    # (We cannot use $CURSOR as its value does not work when a command is an alias.)
    words=("${=words[1,CURRENT]}")
    __@PROG@_debug "Truncated words[*]: ${words[*]},"

    lastParam=${words[-1]}
    lastChar=${lastParam[-1]}
    __@PROG@_debug "lastParam: ${lastParam}, lastChar: ${lastChar}"

    # For zsh, when completing a flag with an = (e.g., @PROG@ -n=<TAB>)
    # completions must be prefixed with the flag
    setopt local_options BASH_REMATCH
    if [[ "${lastParam}" =~ '-.*=' ]]; then
        # We are dealing with a flag with an =
        flagPrefix="-P ${BASH_REMATCH}"
    fi

    # Prepare the command to obtain completions
    requestComp="${words[1]} __complete ${words[2,-1]}"
    if [ "${lastChar}" = "" ]; then
        # If the last parameter is complete (there is a space following it)
        # We add an extra empty parameter so we can indicate this to the go completion code.
        __@PROG@_debug "Adding extra empty parameter"
        requestComp="${requestComp} \"\""
    fi

    __@PROG@_debug "About to call: eval ${requestComp}"

    # Use eval to handle any environment variables and such
    out=$(eval ${requestComp} 2>/dev/null)
    __@PROG@_debug "completion output: ${out}"

    # Extract the directive integer following a : from the last line
    local lastLine
    while IFS='\n' read -r line; do
        lastLine=${line}
    done < <(printf "%s\n" "${out[@]}")
    __@PROG@_debug "last line: ${lastLine}"

    if [ "${lastLine[1]}" = : ]; then
        directive=${lastLine[2,-1]}
        # Remove the directive including the : and the newline
        local suffix
        (( suffix=${#lastLine}+2))
        out=${out[1,-$suffix]}
    else
        # There is no directive specified.  Leave $out as is.
        __@PROG@_debug "No directive found.  Setting do default"
        directive=0
    fi

    __@PROG@_debug "directive: ${directive}"
    __@PROG@_debug "completions: ${out}"
    __@PROG@_debug "flagPrefix: ${flagPrefix}"

    if [ $((directive & shellCompDirectiveError)) -ne 0 ]; then
        __@PROG@_debug "Completion received error. Ignoring completions."
        return
    fi

    local activeHelpMarker="_activeHelp_ "
    local endIndex=${#activeHelpMarker}
    local startIndex=$((${#activeHelpMarker}+1))
    local hasActiveHelp=0
    while IFS='\n' read -r comp; do
        # Check if this is an activeHelp statement (i.e., prefixed with $activeHelpMarker)
        if [ "${comp[1,$endIndex]}" = "$activeHelpMarker" ];then
            __@PROG@_debug "ActiveHelp found: $comp"
            comp="${comp[$startIndex,-1]}"
            if [ -n "$comp" ]; then
                compadd -x "${comp}"
                __@PROG@_debug "ActiveHelp will need delimiter"
                hasActiveHelp=1
            fi

            continue
        fi

        if [ -n "$comp" ]; then
            # If requested, completions are returned with a description.
            # The description is preceded by a TAB character.
            # For zsh's _describe, we need to use a : instead of a TAB.
            # We first need to escape any : as part of the completion itself.
            comp=${comp//:/\\:}

            local tab="$(printf '\t')"
            comp=${comp//$tab/:}

            __@PROG@_debug "Adding completion: ${comp}"
            completions+=${comp}
            lastComp=$comp
        fi
    done < <(printf "%s\n" "${out[@]}")

    # Add a delimiter after the activeHelp statements, but only if:
    # - there are completions following the activeHelp statements, or
    # - file completion will be performed (so there will be choices after the activeHelp)
    if [ $hasActiveHelp -eq 1 ]; then
        if [ ${#completions} -ne 0 ] || [ $((directive & shellCompDirectiveNoFileComp)) -eq 0 ]; then
            __@PROG@_debug "Adding activeHelp delimiter"
            compadd -x "--"
            hasActiveHelp=0
        fi
    fi

    if [ $((directive & shellCompDirectiveNoSpace)) -ne 0 ]; then
        __@PROG@_debug "Activating nospace."
        noSpace="-S ''"
    fi

    if [ $((directive & shellCompDirectiveKeepOrder)) -ne 0 ]; then
        __@PROG@_debug "Activating keep order."
        keepOrder="-V"
    fi

    if [ $((directive & shellCompDirectiveFilterFileExt)) -ne 0 ]; then
        # File extension filtering
        local filteringCmd
        filteringCmd='_files'
        for filter in ${completions[@]}; do
            if [ ${filter[1]} != '*' ]; then
                # zsh requires a glob pattern to do file filtering
                filter="\*.$filter"
            fi
            filteringCmd+=" -g $filter"
        done
        filteringCmd+=" ${flagPrefix}"

        __@PROG@_debug "File filtering command: $filteringCmd"
        _arguments '*:filename:'"$filteringCmd"
    elif [ $((directive & shellCompDirectiveFilterDirs)) -ne 0 ]; then
        # File completion for directories only
        local subdir
        subdir="${completions[1]}"
        if [ -n "$subdir" ]; then
            __@PROG@_debug "Listing directories in $subdir"
            pushd "${subdir}" >/dev/null 2>&1
        else
            __@PROG@_debug "Listing directories in ."
        fi

        local result
        _arguments '*:dirname:_files -/'" ${flagPrefix}"
        result=$?
        if [ -n "$subdir" ]; then
            popd >/dev/null 2>&1
        fi
        return $result
    else
        __@PROG@_debug "Calling _describe"
        if eval _describe $keepOrder "completions" completions $flagPrefix $noSpace; then
            __@PROG@_debug "_describe found some completions"

            # Return the success of having called _describe
            return 0
        else
            __@PROG@_debug "_describe did not find completions."
            __@PROG@_debug "Checking if we should do file completion."
            if [ $((directive & shellCompDirectiveNoFileComp)) -ne 0 ]; then
                __@PROG@_debug "deactivating file completion"

                # We must return an error code here to let zsh know that there were no
                # completions found by _describe; this is what will trigger other
                # matching algorithms to attempt to find completions.
                # For example zsh can match letters in the middle of words.
                return 1
            else
                # Perform file completion
                __@PROG@_debug "Activating file completion"

                # We must return the result of this command, so it must be the
                # last command, or else we must store its result to return it.
                _arguments '*:filename:_files'" ${flagPrefix}"
            fi
        fi
    fi
}

# don't run the completion function when being source-ed or eval-ed
if [ "$funcstack[1]" = "_@PROG@" ]; then
    _@PROG@
fi
'''

_FISH = r'''# fish completion for @PROG@                              -*- shell-script -*-

function __@PROG@_debug
    set -l file "$BASH_COMP_DEBUG_FILE"
    if test -n "$file"
        echo "$argv" >> $file
    end
end

function __@PROG@_perform_completion
    __@PROG@_debug "Starting __@PROG@_perform_completion"

    # Extract all args except the last one
    set -l args (commandline -opc)
    # Extract the last arg and escape it in case it is a space
    set -l lastArg (string escape -- (commandline -ct))

    __@PROG@_debug "args: $args"
    __@PROG@_debug "last arg: $lastArg"

    # Disable ActiveHelp which is not supported for fish shell
    set -l requestComp "@VAR@_ACTIVE_HELP=0 $args[1] __complete $args[2..-1] $lastArg"

    __@PROG@_debug "Calling $requestComp"
    set -l results (eval $requestComp 2> /dev/null)

    # Some programs may output extra empty lines after the directive.
    # Let's ignore them or else it will break completion.
    # Ref: https://github.com/spf13/cobra/issues/1279
    for line in $results[-1..1]
        if test (string trim -- $line) = ""
            # Found an empty line, remove it
            set results $results[1..-2]
        else
            # Found non-empty line, we have our proper output
            break
        end
    end

    set -l comps $results[1..-2]
    set -l directiveLine $results[-1]

    # For Fish, when completing a flag with an = (e.g., <program> -n=<TAB>)
    # completions must be prefixed with the flag
    set -l flagPrefix (string match -r -- '-.*=' "$lastArg")

    __@PROG@_debug "Comps: $comps"
    __@PROG@_debug "DirectiveLine: $directiveLine"
    __@PROG@_debug "flagPrefix: $flagPrefix"

    for comp in $comps
        printf "%s%s\n" "$flagPrefix" "$comp"
    end

    printf "%s\n" "$directiveLine"
end

# this function limits calls to __@PROG@_perform_completion, by caching the result behind $__@PROG@_perform_completion_once_result
function __@PROG@_perform_completion_once
    __@PROG@_debug "Starting __@PROG@_perform_completion_once"

    if test -n "$__@PROG@_perform_completion_once_result"
        __@PROG@_debug "Seems like a valid result already exists, skipping __@PROG@_perform_completion"
        return 0
    end

    set --global __@PROG@_perform_completion_once_result (__@PROG@_perform_completion)
    if test -z "$__@PROG@_perform_completion_once_result"
        __@PROG@_debug "No completions, probably due to a failure"
        return 1
    end

    __@PROG@_debug "Performed completions and set __@PROG@_perform_completion_once_result"
    return 0
end

# this function is used to clear the $__@PROG@_perform_completion_once_result variable after completions are run
function __@PROG@_clear_perform_completion_once_result
    __@PROG@_debug ""
    __@PROG@_debug "========= clearing previously set __@PROG@_perform_completion_once_result variable =========="
    set --erase __@PROG@_perform_completion_once_result
    __@PROG@_debug "Successfully erased the variable __@PROG@_perform_completion_once_result"
end

function __@PROG@_requires_order_preservation
    __@PROG@_debug ""
    __@PROG@_debug "========= checking if order preservation is required =========="

    __@PROG@_perform_completion_once
    if test -z "$__@PROG@_perform_completion_once_result"
        __@PROG@_debug "Error determining if order preservation is required"
        return 1
    end

    set -l directive (string sub --start 2 $__@PROG@_perform_completion_once_result[-1])
    __@PROG@_debug "Directive is: $directive"

    set -l shellCompDirectiveKeepOrder 32
    set -l keeporder (math (math --scale 0 $directive / $shellCompDirectiveKeepOrder) % 2)
    __@PROG@_debug "Keeporder is: $keeporder"

    if test $keeporder -ne 0
        __@PROG@_debug "This does require order preservation"
        return 0
    end

    __@PROG@_debug "This doesn't require order preservation"
    return 1
end


# This function does two things:
# - Obtain the completions and store them in the global __@PROG@_comp_results
# - Return false if file completion should be performed
function __@PROG@_prepare_completions
    __@PROG@_debug ""
    __@PROG@_debug "========= starting completion logic =========="

    # Start fresh
    set --erase __@PROG@_comp_results

    __@PROG@_perform_completion_once
    __@PROG@_debug "Completion results: $__@PROG@_perform_completion_once_result"

    if test -z "$__@PROG@_perform_completion_once_result"
        __@PROG@_debug "No completion, probably due to a failure"
        # Might as well do file completion, in case it helps
        return 1
    end

    set -l directive (string sub --start 2 $__@PROG@_perform_completion_once_result[-1])
    set --global __@PROG@_comp_results $__@PROG@_perform_completion_once_result[1..-2]

    __@PROG@_debug "Completions are: $__@PROG@_comp_results"
    __@PROG@_debug "Directive is: $directive"

    set -l shellCompDirectiveError 1
    set -l shellCompDirectiveNoSpace 2
    set -l shellCompDirectiveNoFileComp 4
    set -l shellCompDirectiveFilterFileExt 8
    set -l shellCompDirectiveFilterDirs 16

    if test -z "$directive"
        set directive 0
    end

    set -l compErr (math (math --scale 0 $directive / $shellCompDirectiveError) % 2)
    if test $compErr -eq 1
        __@PROG@_debug "Received error directive: aborting."
        # Might as well do file completion, in case it helps
        return 1
    end

    set -l filefilter (math (math --scale 0 $directive / $shellCompDirectiveFilterFileExt) % 2)
    set -l dirfilter (math (math --scale 0 $directive / $shellCompDirectiveFilterDirs) % 2)
    if test $filefilter -eq 1; or test $dirfilter -eq 1
        __@PROG@_debug "File extension filtering or directory filtering not supported"
        # Do full file completion instead
        return 1
    end

    set -l nospace (math (math --scale 0 $directive / $shellCompDirectiveNoSpace) % 2)
    set -l nofiles (math (math --scale 0 $directive / $shellCompDirectiveNoFileComp) % 2)

    __@PROG@_debug "nospace: $nospace, nofiles: $nofiles"

    # If we want to prevent a space, or if file completion is NOT disabled,
    # we need to count the number of valid completions.
    # To do so, we will filter on prefix as the completions we have received
    # may not already be filtered so as to allow fish to match on different
    # criteria than the prefix.
    if test $nospace -ne 0; or test $nofiles -eq 0
        set -l prefix (commandline -t | string escape --style=regex)
        __@PROG@_debug "prefix: $prefix"

        set -l completions (string match -r -- "^$prefix.*" $__@PROG@_comp_results)
        set --global __@PROG@_comp_results $completions
        __@PROG@_debug "Filtered completions are: $__@PROG@_comp_results"

        # Important not to quote the variable for count to work
        set -l numComps (count $__@PROG@_comp_results)
        __@PROG@_debug "numComps: $numComps"

        if test $numComps -eq 1; and test $nospace -ne 0
            # We must first split on \t to get rid of the descriptions to be
            # able to check what the actual completion will be.
            # We don't need descriptions anyway since there is only a single
            # real completion which the shell will expand immediately.
            set -l split (string split --max 1 \t $__@PROG@_comp_results[1])

            # Fish won't add a space if the completion ends with any
            # of the following characters: @=/:.,
            set -l lastChar (string sub -s -1 -- $split)
            if not string match -r -q "[@=/:.,]" -- "$lastChar"
                # In other cases, to support the "nospace" directive we trick the shell
                # by outputting an extra, longer completion.
                __@PROG@_debug "Adding second completion to perform nospace directive"
                set --global __@PROG@_comp_results $split[1] $split[1].
                __@PROG@_debug "Completions are now: $__@PROG@_comp_results"
            end
        end

        if test $numComps -eq 0; and test $nofiles -eq 0
            # To be consistent with bash and zsh, we only trigger file
            # completion when there are no other completions
            __@PROG@_debug "Requesting file completion"
            return 1
        end
    end

    return 0
end

# Since Fish completions are only loaded once the user triggers them, we trigger them ourselves
# so we can properly delete any completions provided by another script.
# Only do this if the program can be found, or else fish may print some errors; besides,
# the existing completions will only be loaded if the program can be found.
if type -q "@PROG@"
    # The space after the program name is essential to trigger completion for the program
    # and not completion of the program name itself.
    # Also, we use '> /dev/null 2>&1' since '&>' is not supported in older versions of fish.
    complete --do-complete "@PROG@ " > /dev/null 2>&1
end

# Remove any pre-existing completions for the program since we will be handling all of them.
complete -c @PROG@ -e

# this will get called after the two calls below and clear the $__@PROG@_perform_completion_once_result global
complete -c @PROG@ -n '__@PROG@_clear_perform_completion_once_result'
# The call to __@PROG@_prepare_completions will setup __@PROG@_comp_results
# which provides the program's completion choices.
# If this doesn't require order preservation, we don't use the -k flag
complete -c @PROG@ -n 'not __@PROG@_requires_order_preservation && __@PROG@_prepare_completions' -f -a '$__@PROG@_comp_results'
# otherwise we use the -k flag
complete -k -c @PROG@ -n '__@PROG@_requires_order_preservation && __@PROG@_prepare_completions' -f -a '$__@PROG@_comp_results'
'''  # noqa: E501
