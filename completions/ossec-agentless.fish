# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ossec_agentless_global_optspecs
    string join \n ossec-dir= config= color= q/quiet v/verbose h/help V/version
end

function __fish_ossec_agentless_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ossec_agentless_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ossec_agentless_using_subcommand
    set -l cmd (__fish_ossec_agentless_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "scan" -d 'Scan files on `local` or user@host and report what changed since the last scan'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "diff" -d 'Run commands on `local` or user@host, or read a network device\'s configuration, and show what changed since the last run'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "config" -d 'Show, add, remove and validate <agentless> entries in ossec.conf'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "register-host" -d 'Manage the .passlist credentials the agentless scripts log in with (add, list, remove)'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "keygen" -d 'Make the agentless user\'s SSH key pair (<DIR>/.ssh/id_ed25519), with the right owner and modes, and print its fingerprint'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "push-key" -d 'Install the agentless user\'s public key on a host (safely, once), then prove that a login with only the key works'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "test-script" -d 'Run an agentless script exactly as ossec-agentlessd does, and explain the result'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "doctor" -d 'Check the agentless setup and say what is wrong, with the fix for each problem'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "install-script" -d 'Install a wrapper into <DIR>/agentless/ so ossec-agentlessd runs `scan --agentless` on schedule (name it as <type> in ossec.conf)'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "generate" -d 'Regenerate the shell completions and man pages (for maintainers)'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l fingerprint -d 'Trust only a host key with this fingerprint (SHA256:…, as `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` prints it on the host), and record it' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -s t -l target -d 'Another target to scan with the same PATHs (repeat for more; they run in parallel)' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -s j -l jobs -d 'How many targets to scan at the same time' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l connect-timeout -d 'Seconds allowed to connect and log in to a host' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l idle-timeout -d 'Stop a host\'s scan after this many seconds without any output from it (0: never). There is no limit on the total duration; make it longer than hashing the biggest file takes' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l max-path-bytes -d 'Fail a host that sends a path longer than this many bytes (a hostile or broken host; Linux paths are at most 4096)' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l max-records -d 'Fail a host that lists more than this many paths (files, directories, links)' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l max-section-bytes -d 'Fail a host that sends more than this many bytes in one section of the scan output (the file list, the stat lines, each hash list)' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l state-dir -d 'Where baselines are kept [default: the user\'s state directory/ossec-agentless; with --agentless: <DIR>/queue/agentless/ossec-agentless, which belongs to the agentless user]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l format -d 'Output format' -r -f -a "human\t'A summary per target and a table of changes'
fwd\t'The exact `FWD:` lines the stock ssh_integrity_check_linux script sends, one per regular file, sorted by path (diffable with a stock run)'
ossec\t'Each change as the text of OSSEC\'s alerts: rule 550 (changed), 553 (deleted), 554 (added)'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l forward-pace -d 'Forwarding pace in milliseconds. Where the next alert\'s rule may differ from the previous one\'s, records wait until analysisd\'s alerts.log shows the previous alert and then this long (without an alert to wait for: this long plus as much again per 20 records since the last pause): analysisd can label alerts sent closer together with the wrong rule (an upstream bug; see docs/forwarding.md). 0 sends without waiting. Also used by --agentless' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l type -d 'The agentless <type> named in forwarded locations and --format ossec' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l engine -d 'Engine for `local`' -r -f -a "auto\t'In process for `local`; the POSIX sh script for SSH targets'
script\t'The POSIX sh script everywhere: for `local` it runs through /bin/sh on this machine (the exact script SSH targets get; useful to check it)'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l all -d 'Scan every host of every ssh_integrity_check_* entry in ossec.conf, each with its entry\'s <arguments>, in parallel'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l accept-new -d 'Trust a host key not yet in <DIR>/.ssh/known_hosts and record it (trust on first use). A changed key is refused all the same'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l follow -d 'Follow symbolic links and hash what they point to (default: record the link itself)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l sudo -d 'Run the scan on the host through `sudo -n` (passwordless sudo; never prompts)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l no-update -l dry-run -d 'Compare with the baseline but do not record this scan as the new one (writes nothing; also spelled --dry-run)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l json -d 'Print the result as one JSON document instead of text'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l json-lines -d 'Print JSON events (added, removed, changed, unreadable, …, summary) one per line as each target finishes'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l forward -d 'Also send every file record to the local OSSEC manager (<DIR>/queue/ossec/queue) as ossec-agentlessd does; deleted files are sent as checksum -1 (rule 553). The host part of the location is user@host, or `local` for this machine'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l agentless -d 'Speak ossec-agentlessd\'s script protocol (INFO:/FWD:/ERROR: on stdout; `test test` exits 0). Arguments are the daemon\'s: [use_su|use_sudo] user@host paths…. Keeps a baseline per (--type, host, paths) and prints `FWD: -1 <path>` for deleted files; runs as the agentless user (as the daemon runs it), not as root'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -s t -l target -d 'Another target to check with the same COMMANDS (repeat for more; they run in parallel)' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -s j -l jobs -d 'How many targets to check at the same time' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l profile -d 'The device\'s CLI (implies --device)' -r -f -a "auto\t'Tell the vendor from `show version`'
cisco-ios\t'Cisco IOS / IOS-XE (`terminal length 0`, `show running-config`)'
cisco-asa\t'Cisco ASA, PIX and FWSM (`terminal pager 0`, `show running-config`)'
foundry\t'Foundry / Brocade / Ruckus FastIron (`skip-page-display`, `show running-config`)'
junos\t'Juniper Junos (`set cli screen-length 0`, `show configuration`)'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l ignore -d 'Drop output lines matching this regular expression before comparing (repeat for more)' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l state-dir -d 'Where outputs are kept [default: the user\'s state directory/ossec-agentless]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l type -d 'The agentless <type> named in forwarded locations [default: the entry\'s type, else ssh_generic_diff]' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l fingerprint -d 'Trust only a host key with this fingerprint (SHA256:…, as `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` prints it on the host), and record it' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l connect-timeout -d 'Seconds allowed to connect and log in to a host' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l timeout -d 'Give up when a host stays silent this long: for commands, no output at all (0: never); for devices, every wait (prompt, password prompt, a command\'s output)' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l all -d 'Check every host of every ssh_generic_diff, ssh_pixconfig_diff, ssh_asa-fwsmconfig_diff and ssh_foundry_diff entry in ossec.conf, in parallel'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l device -d 'The target is a network device: an interactive session over a pty (no exec request), `enable` with the .passlist additional password, the pager turned off, then the configuration and COMMANDS. Implied for the stock device scripts\' entries'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l keep-noise -d 'Keep the lines that change on every run of a device (uptime, clock, "Current configuration : N bytes", NTP clock period, save stamps); they are ignored by default'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l keep-secrets -d 'Keep passwords, secrets, SNMP communities and keys in what is stored, printed and forwarded (masked as <removed> by default)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l no-update -l dry-run -d 'Compare but do not record this output as the new one (writes nothing; also spelled --dry-run)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l json -d 'Print the result as one JSON document instead of text'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l forward -d 'Send a change to the local OSSEC manager (<DIR>/queue/ossec/queue) as ossec-agentlessd does, so analysisd raises rule 555: location `(<type>) user@host->agentless`, the normal-format diff cut at 8 lines / 2 KB'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l agentless -d 'Speak ossec-agentlessd\'s script protocol for periodic_diff blocks (`STORE: now` and the output lines on stdout, only after a complete capture; ERROR: otherwise; `test test` exits 0). Arguments are the daemon\'s: [use_su|use_sudo] user@host commands…. No state'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -l accept-new -d 'Trust a host key not yet in <DIR>/.ssh/known_hosts and record it (trust on first use). A changed key is refused all the same'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand diff" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and not __fish_seen_subcommand_from show add remove validate help" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and not __fish_seen_subcommand_from show add remove validate help" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and not __fish_seen_subcommand_from show add remove validate help" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and not __fish_seen_subcommand_from show add remove validate help" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and not __fish_seen_subcommand_from show add remove validate help" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and not __fish_seen_subcommand_from show add remove validate help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and not __fish_seen_subcommand_from show add remove validate help" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and not __fish_seen_subcommand_from show add remove validate help" -f -a "show" -d 'List the <agentless> entries (prints nothing when there are none)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and not __fish_seen_subcommand_from show add remove validate help" -f -a "add" -d 'Add an <agentless> entry, keeping every other byte of the file'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and not __fish_seen_subcommand_from show add remove validate help" -f -a "remove" -d 'Remove <agentless> entries by index (see `config show`) or by host and type'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and not __fish_seen_subcommand_from show add remove validate help" -f -a "validate" -d 'Check the entries against ossec-agentlessd\'s rules and warn about silent pitfalls'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and not __fish_seen_subcommand_from show add remove validate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "table\t'A table'
legacy\t'The 2009 `ossec-config --show` format: 40 dashes, then type, frequency, host, state, arguments lines'
json\t'JSON (same as --json)'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from show" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print the result as one JSON document instead of text'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from add" -l type -d 'The agentless script in <ossec-dir>/agentless/, e.g. ssh_integrity_check_linux' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from add" -l host -d 'A monitored host, `user@host`, optionally `use_su user@host` (repeat for several hosts)' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from add" -l state -d 'periodic (FWD integrity records) or periodic_diff (command output diffs)' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from add" -l frequency -d 'Seconds between runs' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from add" -l arguments -d 'The script\'s arguments: paths for the integrity checks, a command for the diff scripts' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from add" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from add" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from add" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from add" -s n -l dry-run -d 'Show the change as a unified diff, and write nothing'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from add" -l no-backup -d 'Do not keep the previous file as ossec.conf.bak'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from add" -l force -d 'Add even if the script does not exist (yet) in <ossec-dir>/agentless/'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from remove" -l host -d 'Remove the entries monitoring this `user@host` (only its <host> line when the block has others)' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from remove" -l type -d 'Remove the entries of this type (with --host: only that host\'s entries of this type)' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from remove" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from remove" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from remove" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from remove" -l all-matching -d 'Remove every match instead of refusing when several entries match'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from remove" -s n -l dry-run -d 'Show the change as a unified diff, and write nothing'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from remove" -l no-backup -d 'Do not keep the previous file as ossec.conf.bak'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from validate" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from validate" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from validate" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from validate" -l json -d 'Print the result as one JSON document instead of text'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from validate" -l with-daemon -d 'Also run `<ossec-dir>/bin/ossec-agentlessd -t -c FILE` (or wazuh-agentlessd) and report its verdict'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from validate" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from validate" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'List the <agentless> entries (prints nothing when there are none)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an <agentless> entry, keeping every other byte of the file'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove <agentless> entries by index (see `config show`) or by host and type'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Check the entries against ossec-agentlessd\'s rules and warn about silent pitfalls'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and not __fish_seen_subcommand_from add list remove help" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and not __fish_seen_subcommand_from add list remove help" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and not __fish_seen_subcommand_from add list remove help" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and not __fish_seen_subcommand_from add list remove help" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and not __fish_seen_subcommand_from add list remove help" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and not __fish_seen_subcommand_from add list remove help" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Add a host\'s credentials to `<DIR>/agentless/.passlist`'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and not __fish_seen_subcommand_from add list remove help" -f -a "list" -d 'List registered hosts and how each authenticates (never a password)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and not __fish_seen_subcommand_from add list remove help" -f -a "remove" -d 'Remove a host\'s entry from .passlist (and the port block it got from `add`)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -l port -d 'SSH port: written as a `Host` block with `Port` to `<DIR>/.ssh/config`, the only place the stock scripts (plain `ssh user@host`) take a port from' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -l nopass -d 'Public-key authentication: write NOPASS as the password (no password is asked for)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -l password-stdin -d 'Read the password from the first line of standard input instead of asking'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -l additional-password-stdin -d 'Read the additional password (su root password, or Cisco enable password) from the next line of standard input (the first line with --nopass)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -l replace -d 'Rewrite the host\'s existing entry (and port) in place instead of refusing. The whole entry is replaced: an additional password not given again is dropped'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -s n -l dry-run -d 'Show what would change (passwords masked), and write nothing'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from list" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from list" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from list" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from list" -l json -d 'Print the result as one JSON document instead of text'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from remove" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from remove" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from remove" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from remove" -s n -l dry-run -d 'Show what would change (passwords masked), and write nothing'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a host\'s credentials to `<DIR>/agentless/.passlist`'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from help" -f -a "list" -d 'List registered hosts and how each authenticates (never a password)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a host\'s entry from .passlist (and the port block it got from `add`)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -s t -l type -d 'Key type. ed25519 is what ssh-keygen makes since OpenSSH 9.5; use rsa only for old servers that do not accept ed25519' -r -f -a "ed25519\t'Ed25519 (the default; ssh-keygen\'s default since OpenSSH 9.5)'
rsa\t'RSA (for old servers)'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -s b -l bits -d 'RSA key size in bits (2048 to 16384) [default: 3072]. Not used for ed25519' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -l force -d 'Replace an existing key of this type. The old key then stops working on every host where it was installed: run push-key again for each'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -s n -l dry-run -d 'Show what would change, and change nothing'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -l json -d 'Print the result as one JSON document instead of text'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -s p -l port -d 'SSH port of the host [default: the port in USER@HOST:PORT, else the `Port` of the host\'s block in <DIR>/.ssh/config (see `register-host add USER@HOST:PORT`), else 22]' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -s i -l identity -d 'The public key to install [default: <DIR>/.ssh/id_ed25519.pub, else id_rsa.pub]. A private key file name gets `.pub` appended' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -l fingerprint -d 'Trust only a host key with this fingerprint (SHA256:…, as `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` prints it on the host), and record it' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -l connect-timeout -d 'Seconds to wait for the connection and login' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -l password-stdin -d 'Read the login password from the first line of standard input. Without it, the host\'s `.passlist` password is used when there is one, else the password is asked for (never put a password on the command line)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -l accept-new -d 'Trust a host key not yet in <DIR>/.ssh/known_hosts and record it (trust on first use). A changed key is refused all the same'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -l set-nopass -d 'After a successful key login, set the host\'s `.passlist` password to NOPASS (adding the entry when missing) so the agentless scripts use the key'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -s n -l dry-run -d 'Log in and report what would change on the host, but change nothing on either side'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -l entry -d 'Test the N-th <agentless> block of ossec.conf (from 1, as `config show` numbers them): every <host> of it, with its <type> and <arguments>' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -l timeout -d 'Stop the script after this many seconds (fractions allowed)' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -l user -d 'Run as this user instead of the agentless user (needs root unless it is you)' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -l all -d 'Test every <agentless> block of ossec.conf, each <host> of each block'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -l raw -d 'Show every line the script prints, not only the ones the daemon acts on'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -l json -d 'Print the result as one JSON document instead of text'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -l no-cross-check -d 'Do not cross-check integrity scripts. By default, after an `ssh_integrity_check_*` script ran, the same paths are scanned directly on the same host (same credentials, nothing recorded) and every file the script did not report fails the test'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand doctor" -l user -d 'Check for this account instead of the agentless user (ossec or wazuh)' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand doctor" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand doctor" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand doctor" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand doctor" -l fix -d 'Repair the problems marked as repairable'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand doctor" -l dry-run -d 'With --fix: show what would change, and change nothing'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand doctor" -l json -d 'Print the result as one JSON document instead of text'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand doctor" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand doctor" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -l name -d 'Name of the script in <DIR>/agentless/; use it as <type> in ossec.conf [default: ossec_agentless_scan, or ossec_agentless_diff with --diff]' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -l profile -d 'With --diff: the device CLI (implies --device)' -r -f -a "auto\t'Tell the vendor from `show version`'
cisco-ios\t'Cisco IOS / IOS-XE (`terminal length 0`, `show running-config`)'
cisco-asa\t'Cisco ASA, PIX and FWSM (`terminal pager 0`, `show running-config`)'
foundry\t'Foundry / Brocade / Ruckus FastIron (`skip-page-display`, `show running-config`)'
junos\t'Juniper Junos (`set cli screen-length 0`, `show configuration`)'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -l binary -d 'The ossec-agentless binary the wrapper runs [default: this binary]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -l diff -d 'Install a wrapper for periodic_diff blocks that runs `diff --agentless` (command output) instead of `scan --agentless`'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -l device -d 'With --diff: the hosts are network devices (`diff --agentless --device`)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -s n -l dry-run -d 'Show what would change, and change nothing'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -l dir -d 'The project directory holding completions/ and man/' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -l check -d 'Only check that the files on disk are current; exit 1 if any is stale'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from scan diff config register-host keygen push-key test-script doctor install-script generate help" -f -a "scan" -d 'Scan files on `local` or user@host and report what changed since the last scan'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from scan diff config register-host keygen push-key test-script doctor install-script generate help" -f -a "diff" -d 'Run commands on `local` or user@host, or read a network device\'s configuration, and show what changed since the last run'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from scan diff config register-host keygen push-key test-script doctor install-script generate help" -f -a "config" -d 'Show, add, remove and validate <agentless> entries in ossec.conf'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from scan diff config register-host keygen push-key test-script doctor install-script generate help" -f -a "register-host" -d 'Manage the .passlist credentials the agentless scripts log in with (add, list, remove)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from scan diff config register-host keygen push-key test-script doctor install-script generate help" -f -a "keygen" -d 'Make the agentless user\'s SSH key pair (<DIR>/.ssh/id_ed25519), with the right owner and modes, and print its fingerprint'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from scan diff config register-host keygen push-key test-script doctor install-script generate help" -f -a "push-key" -d 'Install the agentless user\'s public key on a host (safely, once), then prove that a login with only the key works'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from scan diff config register-host keygen push-key test-script doctor install-script generate help" -f -a "test-script" -d 'Run an agentless script exactly as ossec-agentlessd does, and explain the result'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from scan diff config register-host keygen push-key test-script doctor install-script generate help" -f -a "doctor" -d 'Check the agentless setup and say what is wrong, with the fix for each problem'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from scan diff config register-host keygen push-key test-script doctor install-script generate help" -f -a "install-script" -d 'Install a wrapper into <DIR>/agentless/ so ossec-agentlessd runs `scan --agentless` on schedule (name it as <type> in ossec.conf)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from scan diff config register-host keygen push-key test-script doctor install-script generate help" -f -a "generate" -d 'Regenerate the shell completions and man pages (for maintainers)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from scan diff config register-host keygen push-key test-script doctor install-script generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'List the <agentless> entries (prints nothing when there are none)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "add" -d 'Add an <agentless> entry, keeping every other byte of the file'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "remove" -d 'Remove <agentless> entries by index (see `config show`) or by host and type'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "validate" -d 'Check the entries against ossec-agentlessd\'s rules and warn about silent pitfalls'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and __fish_seen_subcommand_from register-host" -f -a "add" -d 'Add a host\'s credentials to `<DIR>/agentless/.passlist`'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and __fish_seen_subcommand_from register-host" -f -a "list" -d 'List registered hosts and how each authenticates (never a password)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and __fish_seen_subcommand_from register-host" -f -a "remove" -d 'Remove a host\'s entry from .passlist (and the port block it got from `add`)'
