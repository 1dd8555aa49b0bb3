using Balancer.Cli;

return await Commands.Run(args);
