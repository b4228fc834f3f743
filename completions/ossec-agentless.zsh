#compdef ossec-agentless

autoload -U is-at-least

_ossec-agentless() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'-q[Print only data and errors\: no warnings or notes on stderr]' \
'--quiet[Print only data and errors\: no warnings or notes on stderr]' \
'*-v[Explain more on stderr (repeat for more)]' \
'*--verbose[Explain more on stderr (repeat for more)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_ossec-agentless_commands" \
"*::: :->ossec-agentless" \
&& ret=0
    case $state in
    (ossec-agentless)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ossec-agentless-command-$line[1]:"
        case $line[1] in
            (scan)
_arguments "${_arguments_options[@]}" : \
'*-t+[Another target to scan with the same PATHs (repeat for more; they run in parallel)]:TARGET:_default' \
'*--target=[Another target to scan with the same PATHs (repeat for more; they run in parallel)]:TARGET:_default' \
'-j+[How many targets to scan at the same time]:N:_default' \
'--jobs=[How many targets to scan at the same time]:N:_default' \
'--connect-timeout=[Seconds allowed to connect and log in to a host]:SECS:_default' \
'--idle-timeout=[Stop a host'\''s scan after this many seconds without any output from it (0\: never). There is no limit on the total duration; make it longer than hashing the biggest file takes]:SECS:_default' \
'--state-dir=[Where baselines are kept \[default\: the user'\''s state directory/ossec-agentless\]]:DIR:_files' \
'--format=[Output format]:FORMAT:((human\:"A summary per target and a table of changes"
fwd\:"The exact \`FWD\:\` lines the stock ssh_integrity_check_linux script sends, one per regular file, sorted by path (diffable with a stock run)"
ossec\:"Each change as the text of OSSEC'\''s alerts\: rule 550 (changed), 553 (deleted), 554 (added)"))' \
'--type=[The agentless <type> named in forwarded locations and --format ossec]:TYPE:_default' \
'--engine=[Engine for \`local\`]:ENGINE:((auto\:"In process for \`local\`; the POSIX sh script for SSH targets"
script\:"The POSIX sh script everywhere\: for \`local\` it runs through /bin/sh on this machine (the exact script SSH targets get; useful to check it)"))' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'--follow[Follow symbolic links and hash what they point to (default\: record the link itself)]' \
'--sudo[Run the scan on the host through \`sudo -n\` (passwordless sudo; never prompts)]' \
'--no-update[Compare with the baseline but do not record this scan as the new one]' \
'(--format --json-lines)--json[Print one JSON document with every target'\''s results]' \
'(--format)--json-lines[Print JSON events (added, removed, changed, unreadable, …, summary) one per line as each target finishes]' \
'--forward[Also send every file record to the local OSSEC manager (<DIR>/queue/ossec/queue) as ossec-agentlessd does; deleted files are sent as checksum -1 (rule 553). The host part of the location is user@host, or \`local\` for this machine]' \
'(--json --json-lines --format --forward)--agentless[Speak ossec-agentlessd'\''s script protocol (INFO\:/FWD\:/ERROR\: on stdout; \`test test\` exits 0). Arguments are the daemon'\''s\: \[use_su|use_sudo\] user@host paths…. No baseline]' \
'-q[Print only data and errors\: no warnings or notes on stderr]' \
'--quiet[Print only data and errors\: no warnings or notes on stderr]' \
'*-v[Explain more on stderr (repeat for more)]' \
'*--verbose[Explain more on stderr (repeat for more)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':target -- Where to scan\: `local` (this machine, no SSH) or `user@host\[\:port\]` (SSH):_default' \
'*::paths -- Files and directories to scan. Every name is kept exactly (spaces, newlines, any bytes):_files' \
&& ret=0
;;
(install-script)
_arguments "${_arguments_options[@]}" : \
'--name=[Name of the script in <DIR>/agentless/; use it as <type> in ossec.conf]:NAME:_default' \
'--binary=[The ossec-agentless binary the wrapper runs \[default\: this binary\]]:FILE:_files' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'--dry-run[Show what would be written; change nothing]' \
'-q[Print only data and errors\: no warnings or notes on stderr]' \
'--quiet[Print only data and errors\: no warnings or notes on stderr]' \
'*-v[Explain more on stderr (repeat for more)]' \
'*--verbose[Explain more on stderr (repeat for more)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(generate)
_arguments "${_arguments_options[@]}" : \
'--dir=[The project directory holding completions/ and man/]:DIR:_files' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'--check[Only check that the files on disk are current; exit 1 if any is stale]' \
'-q[Print only data and errors\: no warnings or notes on stderr]' \
'--quiet[Print only data and errors\: no warnings or notes on stderr]' \
'*-v[Explain more on stderr (repeat for more)]' \
'*--verbose[Explain more on stderr (repeat for more)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_ossec-agentless__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ossec-agentless-help-command-$line[1]:"
        case $line[1] in
            (scan)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(install-script)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(generate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_ossec-agentless_commands] )) ||
_ossec-agentless_commands() {
    local commands; commands=(
'scan:Scan files on a host (\`local\` or user@host) and report what changed since the last scan\: added, removed and changed files (size, perm, uid, gid, md5, sha1). Exit 0 no change or new baseline, 1 changes found, 2 error' \
'install-script:Install a wrapper into <DIR>/agentless/ so ossec-agentlessd runs \`scan --agentless\` on schedule (name it as <type> in ossec.conf)' \
'generate:Regenerate the shell completions and man pages (for maintainers)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ossec-agentless commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__generate_commands] )) ||
_ossec-agentless__subcmd__generate_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless generate commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help_commands] )) ||
_ossec-agentless__subcmd__help_commands() {
    local commands; commands=(
'scan:Scan files on a host (\`local\` or user@host) and report what changed since the last scan\: added, removed and changed files (size, perm, uid, gid, md5, sha1). Exit 0 no change or new baseline, 1 changes found, 2 error' \
'install-script:Install a wrapper into <DIR>/agentless/ so ossec-agentlessd runs \`scan --agentless\` on schedule (name it as <type> in ossec.conf)' \
'generate:Regenerate the shell completions and man pages (for maintainers)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ossec-agentless help commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__generate_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__generate_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help generate commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__help_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help help commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__install-script_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__install-script_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help install-script commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__scan_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__scan_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help scan commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__install-script_commands] )) ||
_ossec-agentless__subcmd__install-script_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless install-script commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__scan_commands] )) ||
_ossec-agentless__subcmd__scan_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless scan commands' commands "$@"
}

if [ "$funcstack[1]" = "_ossec-agentless" ]; then
    _ossec-agentless "$@"
else
    compdef _ossec-agentless ossec-agentless
fi
