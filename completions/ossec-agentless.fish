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
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "register-host" -d 'Manage the .passlist credentials the agentless scripts log in with (add, list, remove)'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "generate" -d 'Regenerate the shell completions and man pages (for maintainers)'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -l dry-run -d 'Show what would change (passwords masked) and write nothing'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from list" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from list" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from list" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of a table'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from remove" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from remove" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from remove" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from remove" -l dry-run -d 'Show what would change (passwords masked) and write nothing'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a host\'s credentials to `<DIR>/agentless/.passlist`'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from help" -f -a "list" -d 'List registered hosts and how each authenticates (never a password)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a host\'s entry from .passlist (and the port block it got from `add`)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand register-host; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from register-host generate help" -f -a "register-host" -d 'Manage the .passlist credentials the agentless scripts log in with (add, list, remove)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from register-host generate help" -f -a "generate" -d 'Regenerate the shell completions and man pages (for maintainers)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from register-host generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and __fish_seen_subcommand_from register-host" -f -a "add" -d 'Add a host\'s credentials to `<DIR>/agentless/.passlist`'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and __fish_seen_subcommand_from register-host" -f -a "list" -d 'List registered hosts and how each authenticates (never a password)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and __fish_seen_subcommand_from register-host" -f -a "remove" -d 'Remove a host\'s entry from .passlist (and the port block it got from `add`)'
