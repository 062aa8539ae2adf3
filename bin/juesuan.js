#!/usr/bin/env node
import { launch } from '../dist/start/launch.js';
launch(process.argv.slice(2)).then((code) => { process.exitCode = code; });
