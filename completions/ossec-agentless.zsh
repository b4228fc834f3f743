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
(keygen)
_arguments "${_arguments_options[@]}" : \
'-t+[Key type. ed25519 is what ssh-keygen makes since OpenSSH 9.5; use rsa only for old servers that do not accept ed25519]:TYPE:((ed25519\:"Ed25519 (the default; ssh-keygen'\''s default since OpenSSH 9.5)"
rsa\:"RSA (for old servers)"))' \
'--type=[Key type. ed25519 is what ssh-keygen makes since OpenSSH 9.5; use rsa only for old servers that do not accept ed25519]:TYPE:((ed25519\:"Ed25519 (the default; ssh-keygen'\''s default since OpenSSH 9.5)"
rsa\:"RSA (for old servers)"))' \
'-b+[RSA key size in bits (2048 to 16384) \[default\: 3072\]. Not used for ed25519]:N:_default' \
'--bits=[RSA key size in bits (2048 to 16384) \[default\: 3072\]. Not used for ed25519]:N:_default' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'--force[Replace an existing key of this type. The old key then stops working on every host where it was installed\: run push-key again for each]' \
'-n[Show what would be created or changed, and write nothing]' \
'--dry-run[Show what would be created or changed, and write nothing]' \
'--json[Print the result as JSON]' \
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
(push-key)
_arguments "${_arguments_options[@]}" : \
'-p+[SSH port of the host]:N:_default' \
'--port=[SSH port of the host]:N:_default' \
'-i+[The public key to install \[default\: <DIR>/.ssh/id_ed25519.pub, else id_rsa.pub\]. A private key file name gets \`.pub\` appended]:FILE:_files' \
'--identity=[The public key to install \[default\: <DIR>/.ssh/id_ed25519.pub, else id_rsa.pub\]. A private key file name gets \`.pub\` appended]:FILE:_files' \
'--fingerprint=[Trust only a host key with this fingerprint (SHA256\:…, from \`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub\` on the host), and record it]:SHA256:…:_default' \
'--connect-timeout=[Seconds to wait for the connection and login]:SECONDS:_default' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'--password-stdin[Read the login password from the first line of standard input instead of asking (for scripts\: never put a password on the command line)]' \
'(--fingerprint)--accept-new[Trust the host'\''s key if it is not yet in <DIR>/.ssh/known_hosts, and record it there (trust on first use). A changed key is refused all the same]' \
'-n[Log in and report what would change on the host, but change nothing on either side]' \
'--dry-run[Log in and report what would change on the host, but change nothing on either side]' \
'-q[Print only data and errors\: no warnings or notes on stderr]' \
'--quiet[Print only data and errors\: no warnings or notes on stderr]' \
'*-v[Explain more on stderr (repeat for more)]' \
'*--verbose[Explain more on stderr (repeat for more)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':destination -- The account to install the key for, as USER@HOST (the same text as in the `<host>` of the agentless entry):_default' \
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
            (generate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(keygen)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(push-key)
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
'generate:Regenerate the shell completions and man pages (for maintainers)' \
'keygen:Make the agentless user'\''s SSH key pair (<DIR>/.ssh/id_ed25519), with the right owner and modes, and print its fingerprint' \
'push-key:Install the agentless user'\''s public key on a host (safely, once), then prove that a login with only the key works' \
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
'generate:Regenerate the shell completions and man pages (for maintainers)' \
'keygen:Make the agentless user'\''s SSH key pair (<DIR>/.ssh/id_ed25519), with the right owner and modes, and print its fingerprint' \
'push-key:Install the agentless user'\''s public key on a host (safely, once), then prove that a login with only the key works' \
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
(( $+functions[_ossec-agentless__subcmd__help__subcmd__keygen_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__keygen_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help keygen commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__push-key_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__push-key_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help push-key commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__keygen_commands] )) ||
_ossec-agentless__subcmd__keygen_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless keygen commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__push-key_commands] )) ||
_ossec-agentless__subcmd__push-key_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless push-key commands' commands "$@"
}

if [ "$funcstack[1]" = "_ossec-agentless" ]; then
    _ossec-agentless "$@"
else
    compdef _ossec-agentless ossec-agentless
fi
