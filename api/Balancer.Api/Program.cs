using Balancer.Api.Hosting;

BalancerApiHost.Build(args).Run();
