#compdef ossec-config

autoload -U is-at-least

_ossec-config() {
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
'--section=[The configuration section; only \`agentless\` is supported]:SECTION:_default' \
'--host=[The monitored host, \`user@host\` (may be prefixed with \`use_su \`)]:USER@HOST:_default' \
'--type=[The agentless script, e.g. ssh_integrity_check_linux]:TYPE:_default' \
'--state=[The state\: periodic or periodic_diff]:STATE:_default' \
'--argv=[The script'\''s arguments (written to <arguments>)]:ARGS:_default' \
'--frequency=[Seconds between runs \[default\: 3600, as the 2009 tool wrote\]]:SECONDS:_default' \
'-q[Print only data and errors\: no warnings or notes on stderr]' \
'--quiet[Print only data and errors\: no warnings or notes on stderr]' \
'*-v[Explain more on stderr (repeat for more)]' \
'*--verbose[Explain more on stderr (repeat for more)]' \
'(--add)--show[List the entries of the section]' \
'--add[Append one entry to the section]' \
'-n[Show the change as a unified diff, and write nothing]' \
'--dry-run[Show the change as a unified diff, and write nothing]' \
'--no-backup[Do not keep the previous file as ossec.conf.bak]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
}

(( $+functions[_ossec-config_commands] )) ||
_ossec-config_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-config commands' commands "$@"
}

if [ "$funcstack[1]" = "_ossec-config" ]; then
    _ossec-config "$@"
else
    compdef _ossec-config ossec-config
fi
