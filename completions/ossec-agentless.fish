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
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "test-script" -d 'Run an agentless script exactly as ossec-agentlessd does, and explain the result'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "doctor" -d 'Check the agentless setup and say what is wrong, with the fix for each problem'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "generate" -d 'Regenerate the shell completions and man pages (for maintainers)'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -l timeout -d 'Stop the script after this many seconds (fractions allowed)' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -l user -d 'Run as this user instead of the agentless user (needs root unless it is you)' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -l raw -d 'Show every line the script prints, not only the ones the daemon acts on'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand test-script" -l json -d 'Print the result as one JSON document (no live output)'
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
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand doctor" -l json -d 'Print the results as JSON'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand doctor" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand doctor" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand doctor" -s V -l version -d 'Print version'
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
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from test-script doctor generate help" -f -a "test-script" -d 'Run an agentless script exactly as ossec-agentlessd does, and explain the result'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from test-script doctor generate help" -f -a "doctor" -d 'Check the agentless setup and say what is wrong, with the fix for each problem'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from test-script doctor generate help" -f -a "generate" -d 'Regenerate the shell completions and man pages (for maintainers)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from test-script doctor generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
