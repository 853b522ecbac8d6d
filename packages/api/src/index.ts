export { runCli, commands, type CliIo } from "./cli/run-cli.js";
export { UsageError, type CliCommand, type CliContext } from "./cli/command.type.js";
