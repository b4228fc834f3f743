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
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "scan" -d 'Scan files on a host (`local` or user@host) and report what changed since the last scan: added, removed and changed files (size, perm, uid, gid, md5, sha1). Exit 0 no change or new baseline, 1 changes found, 2 error'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "install-script" -d 'Install a wrapper into <DIR>/agentless/ so ossec-agentlessd runs `scan --agentless` on schedule (name it as <type> in ossec.conf)'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "generate" -d 'Regenerate the shell completions and man pages (for maintainers)'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -s t -l target -d 'Another target to scan with the same PATHs (repeat for more; they run in parallel)' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -s j -l jobs -d 'How many targets to scan at the same time' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l connect-timeout -d 'Seconds allowed to connect and log in to a host' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l idle-timeout -d 'Stop a host\'s scan after this many seconds without any output from it (0: never). There is no limit on the total duration; make it longer than hashing the biggest file takes' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l state-dir -d 'Where baselines are kept [default: the user\'s state directory/ossec-agentless]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l format -d 'Output format' -r -f -a "human\t'A summary per target and a table of changes'
fwd\t'The exact `FWD:` lines the stock ssh_integrity_check_linux script sends, one per regular file, sorted by path (diffable with a stock run)'
ossec\t'Each change as the text of OSSEC\'s alerts: rule 550 (changed), 553 (deleted), 554 (added)'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l type -d 'The agentless <type> named in forwarded locations and --format ossec' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l engine -d 'Engine for `local`' -r -f -a "auto\t'In process for `local`; the POSIX sh script for SSH targets'
script\t'The POSIX sh script everywhere: for `local` it runs through /bin/sh on this machine (the exact script SSH targets get; useful to check it)'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l follow -d 'Follow symbolic links and hash what they point to (default: record the link itself)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l sudo -d 'Run the scan on the host through `sudo -n` (passwordless sudo; never prompts)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l no-update -d 'Compare with the baseline but do not record this scan as the new one'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l json -d 'Print one JSON document with every target\'s results'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l json-lines -d 'Print JSON events (added, removed, changed, unreadable, …, summary) one per line as each target finishes'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l forward -d 'Also send every file record to the local OSSEC manager (<DIR>/queue/ossec/queue) as ossec-agentlessd does; deleted files are sent as checksum -1 (rule 553). The host part of the location is user@host, or `local` for this machine'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -l agentless -d 'Speak ossec-agentlessd\'s script protocol (INFO:/FWD:/ERROR: on stdout; `test test` exits 0). Arguments are the daemon\'s: [use_su|use_sudo] user@host paths…. No baseline'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand scan" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -l name -d 'Name of the script in <DIR>/agentless/; use it as <type> in ossec.conf' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -l binary -d 'The ossec-agentless binary the wrapper runs [default: this binary]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand install-script" -l dry-run -d 'Show what would be written; change nothing'
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
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from scan install-script generate help" -f -a "scan" -d 'Scan files on a host (`local` or user@host) and report what changed since the last scan: added, removed and changed files (size, perm, uid, gid, md5, sha1). Exit 0 no change or new baseline, 1 changes found, 2 error'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from scan install-script generate help" -f -a "install-script" -d 'Install a wrapper into <DIR>/agentless/ so ossec-agentlessd runs `scan --agentless` on schedule (name it as <type> in ossec.conf)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from scan install-script generate help" -f -a "generate" -d 'Regenerate the shell completions and man pages (for maintainers)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from scan install-script generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
