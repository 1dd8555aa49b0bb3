using Balancer.Silo;

SiloHost.Build(args).Run();
