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
'--fingerprint=[Trust only a host key with this fingerprint (SHA256\:…, as \`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub\` prints it on the host), and record it]:SHA256:…:_default' \
'*-t+[Another target to scan with the same PATHs (repeat for more; they run in parallel)]:TARGET:_default' \
'*--target=[Another target to scan with the same PATHs (repeat for more; they run in parallel)]:TARGET:_default' \
'-j+[How many targets to scan at the same time]:N:_default' \
'--jobs=[How many targets to scan at the same time]:N:_default' \
'--connect-timeout=[Seconds allowed to connect and log in to a host]:SECS:_default' \
'--idle-timeout=[Stop a host'\''s scan after this many seconds without any output from it (0\: never). There is no limit on the total duration; make it longer than hashing the biggest file takes]:SECS:_default' \
'--max-path-bytes=[Fail a host that sends a path longer than this many bytes (a hostile or broken host; Linux paths are at most 4096)]:BYTES:_default' \
'--max-records=[Fail a host that lists more than this many paths (files, directories, links)]:N:_default' \
'--max-section-bytes=[Fail a host that sends more than this many bytes in one section of the scan output (the file list, the stat lines, each hash list)]:BYTES:_default' \
'--state-dir=[Where baselines are kept \[default\: the user'\''s state directory/ossec-agentless; with --agentless\: <DIR>/queue/agentless/ossec-agentless, which belongs to the agentless user\]]:DIR:_files' \
'(--json)--format=[Output format]:FORMAT:((human\:"A summary per target and a table of changes"
fwd\:"The exact \`FWD\:\` lines the stock ssh_integrity_check_linux script sends, one per regular file, sorted by path (diffable with a stock run)"
ossec\:"Each change as the text of OSSEC'\''s alerts\: rule 550 (changed), 553 (deleted), 554 (added)"))' \
'--forward-pace=[Forwarding pace in milliseconds. Where the next alert'\''s rule may differ from the previous one'\''s, records wait until analysisd'\''s alerts.log shows the previous alert and then this long (without an alert to wait for\: this long plus as much again per 20 records since the last pause)\: analysisd can label alerts sent closer together with the wrong rule (an upstream bug; see docs/forwarding.md). 0 sends without waiting. Also used by --agentless]:MS:_default' \
'--type=[The agentless <type> named in forwarded locations and --format ossec]:TYPE:_default' \
'--engine=[Engine for \`local\`]:ENGINE:((auto\:"In process for \`local\`; the POSIX sh script for SSH targets"
script\:"The POSIX sh script everywhere\: for \`local\` it runs through /bin/sh on this machine (the exact script SSH targets get; useful to check it)"))' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'(-t --target --agentless)--all[Scan every host of every ssh_integrity_check_* entry in ossec.conf, each with its entry'\''s <arguments>, in parallel]' \
'(--fingerprint)--accept-new[Trust a host key not yet in <DIR>/.ssh/known_hosts and record it (trust on first use). A changed key is refused all the same]' \
'--follow[Follow symbolic links and hash what they point to (default\: record the link itself)]' \
'--sudo[Run the scan on the host through \`sudo -n\` (passwordless sudo; never prompts)]' \
'--no-update[Compare with the baseline but do not record this scan as the new one (writes nothing; also spelled --dry-run)]' \
'--dry-run[Compare with the baseline but do not record this scan as the new one (writes nothing; also spelled --dry-run)]' \
'--json[Print the result as one JSON document instead of text]' \
'(--format --json)--json-lines[Print JSON events (added, removed, changed, unreadable, …, summary) one per line as each target finishes]' \
'--forward[Also send every file record to the local OSSEC manager (<DIR>/queue/ossec/queue) as ossec-agentlessd does; deleted files are sent as checksum -1 (rule 553). The host part of the location is user@host, or \`local\` for this machine]' \
'(--json --json-lines --format --forward)--agentless[Speak ossec-agentlessd'\''s script protocol (INFO\:/FWD\:/ERROR\: on stdout; \`test test\` exits 0). Arguments are the daemon'\''s\: \[use_su|use_sudo\] user@host paths…. Keeps a baseline per (--type, host, paths) and prints \`FWD\: -1 <path>\` for deleted files; runs as the agentless user (as the daemon runs it), not as root]' \
'-q[Print only data and errors\: no warnings or notes on stderr]' \
'--quiet[Print only data and errors\: no warnings or notes on stderr]' \
'*-v[Explain more on stderr (repeat for more)]' \
'*--verbose[Explain more on stderr (repeat for more)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::target -- Where to scan\: `local` (this machine, no SSH) or `user@host\[\:port\]` (SSH\: logs in with the host'\''s .passlist password, or the agentless user'\''s key for NOPASS hosts; the port defaults to the host'\''s `Port` in <DIR>/.ssh/config, else 22):_default' \
'*::paths -- Files and directories to scan. Every name is kept exactly (spaces, newlines, any bytes). Without PATHs, the <arguments> of the host'\''s ssh_integrity_check_* entries in ossec.conf are used:_files' \
&& ret=0
;;
(diff)
_arguments "${_arguments_options[@]}" : \
'*-t+[Another target to check with the same COMMANDS (repeat for more; they run in parallel)]:TARGET:_default' \
'*--target=[Another target to check with the same COMMANDS (repeat for more; they run in parallel)]:TARGET:_default' \
'-j+[How many targets to check at the same time]:N:_default' \
'--jobs=[How many targets to check at the same time]:N:_default' \
'--profile=[The device'\''s CLI (implies --device)]:PROFILE:((auto\:"Tell the vendor from \`show version\`"
cisco-ios\:"Cisco IOS / IOS-XE (\`terminal length 0\`, \`show running-config\`)"
cisco-asa\:"Cisco ASA, PIX and FWSM (\`terminal pager 0\`, \`show running-config\`)"
foundry\:"Foundry / Brocade / Ruckus FastIron (\`skip-page-display\`, \`show running-config\`)"
junos\:"Juniper Junos (\`set cli screen-length 0\`, \`show configuration\`)"))' \
'*--ignore=[Drop output lines matching this regular expression before comparing (repeat for more)]:REGEX:_default' \
'--state-dir=[Where outputs are kept \[default\: the user'\''s state directory/ossec-agentless\]]:DIR:_files' \
'--type=[The agentless <type> named in forwarded locations \[default\: the entry'\''s type, else ssh_generic_diff\]]:TYPE:_default' \
'--fingerprint=[Trust only a host key with this fingerprint (SHA256\:…, as \`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub\` prints it on the host), and record it]:SHA256:…:_default' \
'--connect-timeout=[Seconds allowed to connect and log in to a host]:SECS:_default' \
'--timeout=[Give up when a host stays silent this long\: for commands, no output at all (0\: never); for devices, every wait (prompt, password prompt, a command'\''s output)]:SECS:_default' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'(-t --target --agentless)--all[Check every host of every ssh_generic_diff, ssh_pixconfig_diff, ssh_asa-fwsmconfig_diff and ssh_foundry_diff entry in ossec.conf, in parallel]' \
'--device[The target is a network device\: an interactive session over a pty (no exec request), \`enable\` with the .passlist additional password, the pager turned off, then the configuration and COMMANDS. Implied for the stock device scripts'\'' entries]' \
'--keep-noise[Keep the lines that change on every run of a device (uptime, clock, "Current configuration \: N bytes", NTP clock period, save stamps); they are ignored by default]' \
'--keep-secrets[Keep passwords, secrets, SNMP communities and keys in what is stored, printed and forwarded (masked as <removed> by default)]' \
'--no-update[Compare but do not record this output as the new one (writes nothing; also spelled --dry-run)]' \
'--dry-run[Compare but do not record this output as the new one (writes nothing; also spelled --dry-run)]' \
'--json[Print the result as one JSON document instead of text]' \
'--forward[Send a change to the local OSSEC manager (<DIR>/queue/ossec/queue) as ossec-agentlessd does, so analysisd raises rule 555\: location \`(<type>) user@host->agentless\`, the normal-format diff cut at 8 lines / 2 KB]' \
'(--json --forward --no-update)--agentless[Speak ossec-agentlessd'\''s script protocol for periodic_diff blocks (\`STORE\: now\` and the output lines on stdout, only after a complete capture; ERROR\: otherwise; \`test test\` exits 0). Arguments are the daemon'\''s\: \[use_su|use_sudo\] user@host commands…. No state]' \
'(--fingerprint)--accept-new[Trust a host key not yet in <DIR>/.ssh/known_hosts and record it (trust on first use). A changed key is refused all the same]' \
'-q[Print only data and errors\: no warnings or notes on stderr]' \
'--quiet[Print only data and errors\: no warnings or notes on stderr]' \
'*-v[Explain more on stderr (repeat for more)]' \
'*--verbose[Explain more on stderr (repeat for more)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::target -- Where to run\: `local` (this machine, no SSH) or `user@host\[\:port\]` (SSH\: logs in with the host'\''s .passlist password, or the agentless user'\''s key for NOPASS hosts):_default' \
'::commands -- The commands, as one string like ossec.conf'\''s <arguments>\: separated by `;` and run in order (POSIX hosts\: one `sh -c`). For devices, commands run after the configuration command. Without COMMANDS, the <arguments> of the host'\''s ssh_generic_diff and device entries in ossec.conf are used:_default' \
'*::rest -- The daemon'\''s arguments after user@host, for --agentless:_default' \
&& ret=0
;;
(config)
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
":: :_ossec-agentless__subcmd__config_commands" \
"*::: :->config" \
&& ret=0

    case $state in
    (config)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ossec-agentless-config-command-$line[1]:"
        case $line[1] in
            (show)
_arguments "${_arguments_options[@]}" : \
'--format=[Output format]:FORMAT:((table\:"A table"
legacy\:"The 2009 \`ossec-config --show\` format\: 40 dashes, then type, frequency, host, state, arguments lines"
json\:"JSON (same as --json)"))' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'--json[Print the result as one JSON document instead of text]' \
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
(add)
_arguments "${_arguments_options[@]}" : \
'--type=[The agentless script in <ossec-dir>/agentless/, e.g. ssh_integrity_check_linux]:TYPE:_default' \
'*--host=[A monitored host, \`user@host\`, optionally \`use_su user@host\` (repeat for several hosts)]:USER@HOST:_default' \
'--state=[periodic (FWD integrity records) or periodic_diff (command output diffs)]:STATE:_default' \
'--frequency=[Seconds between runs]:SECONDS:_default' \
'--arguments=[The script'\''s arguments\: paths for the integrity checks, a command for the diff scripts]:ARGS:_default' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'-n[Show the change as a unified diff, and write nothing]' \
'--dry-run[Show the change as a unified diff, and write nothing]' \
'--no-backup[Do not keep the previous file as ossec.conf.bak]' \
'--force[Add even if the script does not exist (yet) in <ossec-dir>/agentless/]' \
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
(remove)
_arguments "${_arguments_options[@]}" : \
'()--host=[Remove the entries monitoring this \`user@host\` (only its <host> line when the block has others)]:USER@HOST:_default' \
'()--type=[Remove the entries of this type (with --host\: only that host'\''s entries of this type)]:TYPE:_default' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'--all-matching[Remove every match instead of refusing when several entries match]' \
'-n[Show the change as a unified diff, and write nothing]' \
'--dry-run[Show the change as a unified diff, and write nothing]' \
'--no-backup[Do not keep the previous file as ossec.conf.bak]' \
'-q[Print only data and errors\: no warnings or notes on stderr]' \
'--quiet[Print only data and errors\: no warnings or notes on stderr]' \
'*-v[Explain more on stderr (repeat for more)]' \
'*--verbose[Explain more on stderr (repeat for more)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::index -- The entry'\''s index as shown by `config show`:_default' \
&& ret=0
;;
(validate)
_arguments "${_arguments_options[@]}" : \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'--json[Print the result as one JSON document instead of text]' \
'--with-daemon[Also run \`<ossec-dir>/bin/ossec-agentlessd -t -c FILE\` (or wazuh-agentlessd) and report its verdict]' \
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
":: :_ossec-agentless__subcmd__config__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ossec-agentless-config-help-command-$line[1]:"
        case $line[1] in
            (show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(validate)
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
;;
(register-host)
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
":: :_ossec-agentless__subcmd__register-host_commands" \
"*::: :->register-host" \
&& ret=0

    case $state in
    (register-host)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ossec-agentless-register-host-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
'--port=[SSH port\: written as a \`Host\` block with \`Port\` to \`<DIR>/.ssh/config\`, the only place the stock scripts (plain \`ssh user@host\`) take a port from]:N:_default' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'(--password-stdin)--nopass[Public-key authentication\: write NOPASS as the password (no password is asked for)]' \
'--password-stdin[Read the password from the first line of standard input instead of asking]' \
'--additional-password-stdin[Read the additional password (su root password, or Cisco enable password) from the next line of standard input (the first line with --nopass)]' \
'--replace[Rewrite the host'\''s existing entry (and port) in place instead of refusing. The whole entry is replaced\: an additional password not given again is dropped]' \
'-n[Show what would change (passwords masked), and write nothing]' \
'--dry-run[Show what would change (passwords masked), and write nothing]' \
'-q[Print only data and errors\: no warnings or notes on stderr]' \
'--quiet[Print only data and errors\: no warnings or notes on stderr]' \
'*-v[Explain more on stderr (repeat for more)]' \
'*--verbose[Explain more on stderr (repeat for more)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':target -- The host as it appears in ossec.conf `<host>` (without use_su), e.g. root@web01.example.net. A `\:PORT` suffix (IPv6\: `root@\[fe80\:\:1\]\:2222`) sets the SSH port like --port:_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'--json[Print the result as one JSON document instead of text]' \
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
(remove)
_arguments "${_arguments_options[@]}" : \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'-n[Show what would change (passwords masked), and write nothing]' \
'--dry-run[Show what would change (passwords masked), and write nothing]' \
'-q[Print only data and errors\: no warnings or notes on stderr]' \
'--quiet[Print only data and errors\: no warnings or notes on stderr]' \
'*-v[Explain more on stderr (repeat for more)]' \
'*--verbose[Explain more on stderr (repeat for more)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':target -- The host to remove, exactly as registered (e.g. root@web01.example.net):_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_ossec-agentless__subcmd__register-host__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ossec-agentless-register-host-help-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
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
'-n[Show what would change, and change nothing]' \
'--dry-run[Show what would change, and change nothing]' \
'--json[Print the result as one JSON document instead of text]' \
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
'-p+[SSH port of the host \[default\: the port in USER@HOST\:PORT, else the \`Port\` of the host'\''s block in <DIR>/.ssh/config (see \`register-host add USER@HOST\:PORT\`), else 22\]]:N:_default' \
'--port=[SSH port of the host \[default\: the port in USER@HOST\:PORT, else the \`Port\` of the host'\''s block in <DIR>/.ssh/config (see \`register-host add USER@HOST\:PORT\`), else 22\]]:N:_default' \
'-i+[The public key to install \[default\: <DIR>/.ssh/id_ed25519.pub, else id_rsa.pub\]. A private key file name gets \`.pub\` appended]:FILE:_files' \
'--identity=[The public key to install \[default\: <DIR>/.ssh/id_ed25519.pub, else id_rsa.pub\]. A private key file name gets \`.pub\` appended]:FILE:_files' \
'--fingerprint=[Trust only a host key with this fingerprint (SHA256\:…, as \`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub\` prints it on the host), and record it]:SHA256:…:_default' \
'--connect-timeout=[Seconds to wait for the connection and login]:SECONDS:_default' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'--password-stdin[Read the login password from the first line of standard input. Without it, the host'\''s \`.passlist\` password is used when there is one, else the password is asked for (never put a password on the command line)]' \
'(--fingerprint)--accept-new[Trust a host key not yet in <DIR>/.ssh/known_hosts and record it (trust on first use). A changed key is refused all the same]' \
'--set-nopass[After a successful key login, set the host'\''s \`.passlist\` password to NOPASS (adding the entry when missing) so the agentless scripts use the key]' \
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
(test-script)
_arguments "${_arguments_options[@]}" : \
'(--all)--entry=[Test the N-th <agentless> block of ossec.conf (from 1, as \`config show\` numbers them)\: every <host> of it, with its <type> and <arguments>]:N:_default' \
'--timeout=[Stop the script after this many seconds (fractions allowed)]:SECONDS:_default' \
'--user=[Run as this user instead of the agentless user (needs root unless it is you)]:NAME:_default' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'()--all[Test every <agentless> block of ossec.conf, each <host> of each block]' \
'--raw[Show every line the script prints, not only the ones the daemon acts on]' \
'--json[Print the result as one JSON document instead of text]' \
'--no-cross-check[Do not cross-check integrity scripts. By default, after an \`ssh_integrity_check_*\` script ran, the same paths are scanned directly on the same host (same credentials, nothing recorded) and every file the script did not report fails the test]' \
'-q[Print only data and errors\: no warnings or notes on stderr]' \
'--quiet[Print only data and errors\: no warnings or notes on stderr]' \
'*-v[Explain more on stderr (repeat for more)]' \
'*--verbose[Explain more on stderr (repeat for more)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::script_type -- The script\: a file name in <DIR>/agentless (the <type> of an <agentless> block):_default' \
'::host -- The host as in <host>\: `user@host`, or `"use_su user@host"` / `"use_sudo user@host"` (one argument, quoted):_default' \
'*::args -- The script'\''s arguments, as in <arguments>. Words are split on blanks as the daemon splits them, so `"/etc /bin"` and `/etc /bin` are the same. Shell characters (`;`, `|`, `$`, …) are passed literally and reported\: OSSEC would interpret them on the server. Put `--` before arguments that start with `-`:_default' \
&& ret=0
;;
(doctor)
_arguments "${_arguments_options[@]}" : \
'--user=[Check for this account instead of the agentless user (ossec or wazuh)]:NAME:_default' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'--fix[Repair the problems marked as repairable]' \
'--dry-run[With --fix\: show what would change, and change nothing]' \
'--json[Print the result as one JSON document instead of text]' \
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
(install-script)
_arguments "${_arguments_options[@]}" : \
'--name=[Name of the script in <DIR>/agentless/; use it as <type> in ossec.conf \[default\: ossec_agentless_scan, or ossec_agentless_diff with --diff\]]:NAME:_default' \
'--profile=[With --diff\: the device CLI (implies --device)]:PROFILE:((auto\:"Tell the vendor from \`show version\`"
cisco-ios\:"Cisco IOS / IOS-XE (\`terminal length 0\`, \`show running-config\`)"
cisco-asa\:"Cisco ASA, PIX and FWSM (\`terminal pager 0\`, \`show running-config\`)"
foundry\:"Foundry / Brocade / Ruckus FastIron (\`skip-page-display\`, \`show running-config\`)"
junos\:"Juniper Junos (\`set cli screen-length 0\`, \`show configuration\`)"))' \
'--binary=[The ossec-agentless binary the wrapper runs \[default\: this binary\]]:FILE:_files' \
'--ossec-dir=[The OSSEC (or Wazuh) installation directory]:DIR:_files' \
'--config=[The configuration file to read and edit \[default\: <DIR>/etc/ossec.conf\]]:FILE:_files' \
'--color=[When to use colours (NO_COLOR in the environment turns them off for \`auto\`)]:WHEN:((auto\:"Colour when the stream is a terminal and \`NO_COLOR\` is not set"
always\:"Always colour (also forced by \`CLICOLOR_FORCE\`)"
never\:"Never colour"))' \
'--diff[Install a wrapper for periodic_diff blocks that runs \`diff --agentless\` (command output) instead of \`scan --agentless\`]' \
'--device[With --diff\: the hosts are network devices (\`diff --agentless --device\`)]' \
'-n[Show what would change, and change nothing]' \
'--dry-run[Show what would change, and change nothing]' \
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
(diff)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(config)
_arguments "${_arguments_options[@]}" : \
":: :_ossec-agentless__subcmd__help__subcmd__config_commands" \
"*::: :->config" \
&& ret=0

    case $state in
    (config)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ossec-agentless-help-config-command-$line[1]:"
        case $line[1] in
            (show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(validate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(register-host)
_arguments "${_arguments_options[@]}" : \
":: :_ossec-agentless__subcmd__help__subcmd__register-host_commands" \
"*::: :->register-host" \
&& ret=0

    case $state in
    (register-host)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:ossec-agentless-help-register-host-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(keygen)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(push-key)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(test-script)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(doctor)
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
'scan:Scan files on \`local\` or user@host and report what changed since the last scan' \
'diff:Run commands on \`local\` or user@host, or read a network device'\''s configuration, and show what changed since the last run' \
'config:Show, add, remove and validate <agentless> entries in ossec.conf' \
'register-host:Manage the .passlist credentials the agentless scripts log in with (add, list, remove)' \
'keygen:Make the agentless user'\''s SSH key pair (<DIR>/.ssh/id_ed25519), with the right owner and modes, and print its fingerprint' \
'push-key:Install the agentless user'\''s public key on a host (safely, once), then prove that a login with only the key works' \
'test-script:Run an agentless script exactly as ossec-agentlessd does, and explain the result' \
'doctor:Check the agentless setup and say what is wrong, with the fix for each problem' \
'install-script:Install a wrapper into <DIR>/agentless/ so ossec-agentlessd runs \`scan --agentless\` on schedule (name it as <type> in ossec.conf)' \
'generate:Regenerate the shell completions and man pages (for maintainers)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ossec-agentless commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__config_commands] )) ||
_ossec-agentless__subcmd__config_commands() {
    local commands; commands=(
'show:List the <agentless> entries (prints nothing when there are none)' \
'add:Add an <agentless> entry, keeping every other byte of the file' \
'remove:Remove <agentless> entries by index (see \`config show\`) or by host and type' \
'validate:Check the entries against ossec-agentlessd'\''s rules and warn about silent pitfalls' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ossec-agentless config commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__config__subcmd__add_commands] )) ||
_ossec-agentless__subcmd__config__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless config add commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__config__subcmd__help_commands] )) ||
_ossec-agentless__subcmd__config__subcmd__help_commands() {
    local commands; commands=(
'show:List the <agentless> entries (prints nothing when there are none)' \
'add:Add an <agentless> entry, keeping every other byte of the file' \
'remove:Remove <agentless> entries by index (see \`config show\`) or by host and type' \
'validate:Check the entries against ossec-agentlessd'\''s rules and warn about silent pitfalls' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ossec-agentless config help commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__config__subcmd__help__subcmd__add_commands] )) ||
_ossec-agentless__subcmd__config__subcmd__help__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless config help add commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__config__subcmd__help__subcmd__help_commands] )) ||
_ossec-agentless__subcmd__config__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless config help help commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__config__subcmd__help__subcmd__remove_commands] )) ||
_ossec-agentless__subcmd__config__subcmd__help__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless config help remove commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__config__subcmd__help__subcmd__show_commands] )) ||
_ossec-agentless__subcmd__config__subcmd__help__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless config help show commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__config__subcmd__help__subcmd__validate_commands] )) ||
_ossec-agentless__subcmd__config__subcmd__help__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless config help validate commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__config__subcmd__remove_commands] )) ||
_ossec-agentless__subcmd__config__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless config remove commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__config__subcmd__show_commands] )) ||
_ossec-agentless__subcmd__config__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless config show commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__config__subcmd__validate_commands] )) ||
_ossec-agentless__subcmd__config__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless config validate commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__diff_commands] )) ||
_ossec-agentless__subcmd__diff_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless diff commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__doctor_commands] )) ||
_ossec-agentless__subcmd__doctor_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless doctor commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__generate_commands] )) ||
_ossec-agentless__subcmd__generate_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless generate commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help_commands] )) ||
_ossec-agentless__subcmd__help_commands() {
    local commands; commands=(
'scan:Scan files on \`local\` or user@host and report what changed since the last scan' \
'diff:Run commands on \`local\` or user@host, or read a network device'\''s configuration, and show what changed since the last run' \
'config:Show, add, remove and validate <agentless> entries in ossec.conf' \
'register-host:Manage the .passlist credentials the agentless scripts log in with (add, list, remove)' \
'keygen:Make the agentless user'\''s SSH key pair (<DIR>/.ssh/id_ed25519), with the right owner and modes, and print its fingerprint' \
'push-key:Install the agentless user'\''s public key on a host (safely, once), then prove that a login with only the key works' \
'test-script:Run an agentless script exactly as ossec-agentlessd does, and explain the result' \
'doctor:Check the agentless setup and say what is wrong, with the fix for each problem' \
'install-script:Install a wrapper into <DIR>/agentless/ so ossec-agentlessd runs \`scan --agentless\` on schedule (name it as <type> in ossec.conf)' \
'generate:Regenerate the shell completions and man pages (for maintainers)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ossec-agentless help commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__config_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__config_commands() {
    local commands; commands=(
'show:List the <agentless> entries (prints nothing when there are none)' \
'add:Add an <agentless> entry, keeping every other byte of the file' \
'remove:Remove <agentless> entries by index (see \`config show\`) or by host and type' \
'validate:Check the entries against ossec-agentlessd'\''s rules and warn about silent pitfalls' \
    )
    _describe -t commands 'ossec-agentless help config commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__config__subcmd__add_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__config__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help config add commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__config__subcmd__remove_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__config__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help config remove commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__config__subcmd__show_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__config__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help config show commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__config__subcmd__validate_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__config__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help config validate commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__diff_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__diff_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help diff commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__doctor_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__doctor_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help doctor commands' commands "$@"
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
(( $+functions[_ossec-agentless__subcmd__help__subcmd__register-host_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__register-host_commands() {
    local commands; commands=(
'add:Add a host'\''s credentials to \`<DIR>/agentless/.passlist\`' \
'list:List registered hosts and how each authenticates (never a password)' \
'remove:Remove a host'\''s entry from .passlist (and the port block it got from \`add\`)' \
    )
    _describe -t commands 'ossec-agentless help register-host commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__register-host__subcmd__add_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__register-host__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help register-host add commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__register-host__subcmd__list_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__register-host__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help register-host list commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__register-host__subcmd__remove_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__register-host__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help register-host remove commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__scan_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__scan_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help scan commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__help__subcmd__test-script_commands] )) ||
_ossec-agentless__subcmd__help__subcmd__test-script_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless help test-script commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__install-script_commands] )) ||
_ossec-agentless__subcmd__install-script_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless install-script commands' commands "$@"
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
(( $+functions[_ossec-agentless__subcmd__register-host_commands] )) ||
_ossec-agentless__subcmd__register-host_commands() {
    local commands; commands=(
'add:Add a host'\''s credentials to \`<DIR>/agentless/.passlist\`' \
'list:List registered hosts and how each authenticates (never a password)' \
'remove:Remove a host'\''s entry from .passlist (and the port block it got from \`add\`)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ossec-agentless register-host commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__register-host__subcmd__add_commands] )) ||
_ossec-agentless__subcmd__register-host__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless register-host add commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__register-host__subcmd__help_commands] )) ||
_ossec-agentless__subcmd__register-host__subcmd__help_commands() {
    local commands; commands=(
'add:Add a host'\''s credentials to \`<DIR>/agentless/.passlist\`' \
'list:List registered hosts and how each authenticates (never a password)' \
'remove:Remove a host'\''s entry from .passlist (and the port block it got from \`add\`)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'ossec-agentless register-host help commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__register-host__subcmd__help__subcmd__add_commands] )) ||
_ossec-agentless__subcmd__register-host__subcmd__help__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless register-host help add commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__register-host__subcmd__help__subcmd__help_commands] )) ||
_ossec-agentless__subcmd__register-host__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless register-host help help commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__register-host__subcmd__help__subcmd__list_commands] )) ||
_ossec-agentless__subcmd__register-host__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless register-host help list commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__register-host__subcmd__help__subcmd__remove_commands] )) ||
_ossec-agentless__subcmd__register-host__subcmd__help__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless register-host help remove commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__register-host__subcmd__list_commands] )) ||
_ossec-agentless__subcmd__register-host__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless register-host list commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__register-host__subcmd__remove_commands] )) ||
_ossec-agentless__subcmd__register-host__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless register-host remove commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__scan_commands] )) ||
_ossec-agentless__subcmd__scan_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless scan commands' commands "$@"
}
(( $+functions[_ossec-agentless__subcmd__test-script_commands] )) ||
_ossec-agentless__subcmd__test-script_commands() {
    local commands; commands=()
    _describe -t commands 'ossec-agentless test-script commands' commands "$@"
}

if [ "$funcstack[1]" = "_ossec-agentless" ]; then
    _ossec-agentless "$@"
else
    compdef _ossec-agentless ossec-agentless
fi
