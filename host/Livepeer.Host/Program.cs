return await Livepeer.Host.NodeProgram.RunAsync(args).ConfigureAwait(false);
