#!/usr/bin/env node
import { main } from "../dist/runtime/dev/cli.js";
process.exitCode = await main(process.argv.slice(2));
